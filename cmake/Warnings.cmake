# Project-wide warning and sanitizer flags, applied per target with
# contractc_target_flags(<target>).
set(CONTRACTC_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wformat=2 -Wvla)
if(CONTRACTC_WERROR)
  list(APPEND CONTRACTC_WARNING_FLAGS -Werror)
endif()

if(CONTRACTC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(contractc_target_flags target)
  target_compile_options(${target} PRIVATE ${CONTRACTC_WARNING_FLAGS})
endfunction()
