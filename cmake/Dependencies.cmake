# Every dependency is a Debian 12 package found through pkg-config.  A
# missing one stops the configure step with the package to install.
find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install it with 'apt-get install pkg-config' (or run scripts/setup.sh)")
endif()

function(contractc_require_package target module debian_package)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR
      "${module} not found: install the Debian package '${debian_package}' "
      "(apt-get install ${debian_package}, or run scripts/setup.sh)")
  endif()
endfunction()

contractc_require_package(YAML   yaml-0.1    libyaml-dev)
contractc_require_package(CJSON  libcjson    libcjson-dev)
contractc_require_package(SODIUM libsodium   libsodium-dev)
if(CONTRACTC_BUILD_TESTS)
  contractc_require_package(CUNIT cunit     libcunit1-dev)
endif()

find_package(Threads REQUIRED)
