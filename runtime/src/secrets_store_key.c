/* Master keys of the encrypted store: key files and passphrases. */
#define _XOPEN_SOURCE 700 /* O_CLOEXEC, fsync */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "contractc/secrets_store.h"
#include "secret_fs.h"
#include "secrets_store_format.h"

#define KEY_HEX_LEN (2 * CS_SECRET_STORE_KEY_BYTES)
/* Enough for 64 hex digits, a CRLF and a little trailing blank space. */
#define KEY_FILE_MAX_BYTES 128

static cs_secret_code key_file_error(const char *path, int error_number, cs_secret_error *err)
{
    char reason[128];
    cs_secret_code code = cs_secret_fs_errno_code(error_number);
    if (code == CS_SECRET_NOT_FOUND)
        return cs_secret_error_set(err, code, STORE_PROVIDER_ID, "key file %s does not exist",
                                   path);
    return cs_secret_error_set(err, code, STORE_PROVIDER_ID, "cannot open key file %s: %s", path,
                               cs_secret_fs_describe_errno(error_number, reason, sizeof reason));
}

static cs_secret_code parse_key(const unsigned char *bytes, size_t len, const char *path,
                                unsigned char key[32], cs_secret_error *err)
{
    if (len == CS_SECRET_STORE_KEY_BYTES) {
        memcpy(key, bytes, CS_SECRET_STORE_KEY_BYTES);
        return CS_SECRET_OK;
    }
    while (len && (bytes[len - 1] == '\n' || bytes[len - 1] == '\r' || bytes[len - 1] == ' '))
        len--;
    size_t decoded = 0;
    const char *end = NULL;
    if (len == KEY_HEX_LEN &&
        sodium_hex2bin(key, CS_SECRET_STORE_KEY_BYTES, (const char *)bytes, len, NULL, &decoded,
                       &end) == 0 &&
        decoded == CS_SECRET_STORE_KEY_BYTES && end == (const char *)bytes + len)
        return CS_SECRET_OK;
    sodium_memzero(key, CS_SECRET_STORE_KEY_BYTES);
    return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                               "key file %s must hold 64 hexadecimal digits (or 32 raw bytes)",
                               path);
}

cs_secret_code cs_store_key_from_file(const char *path, unsigned char key[32],
                                      cs_secret_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return key_file_error(path, errno, err);
    struct stat info;
    cs_secret_code code = CS_SECRET_OK;
    if (fstat(fd, &info) != 0)
        code = key_file_error(path, errno, err);
    else if (!S_ISREG(info.st_mode))
        code = cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "key file %s is not a regular file", path);
    else if (cs_secret_fs_mode_too_open(info.st_mode))
        code = cs_secret_error_set(err, CS_SECRET_FORBIDDEN, STORE_PROVIDER_ID,
                                   "key file %s has mode %04o: it must not be readable or "
                                   "writable by group or others (chmod 600)",
                                   path, (unsigned)(info.st_mode & 07777));
    unsigned char *bytes = NULL;
    size_t len = 0;
    if (code == CS_SECRET_OK)
        code = cs_secret_fs_read_fd(fd, KEY_FILE_MAX_BYTES, "the key file", STORE_PROVIDER_ID,
                                    &bytes, &len, err);
    close(fd);
    if (code == CS_SECRET_INVALID)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "key file %s must hold 64 hexadecimal digits (or 32 raw bytes)",
                                   path);
    if (code != CS_SECRET_OK)
        return code;
    code = parse_key(bytes, len, path, key, err);
    cs_secret_bytes_free(bytes, len);
    return code;
}

cs_secret_code cs_store_key_from_passphrase(const char *passphrase, size_t len,
                                            const store_header *header, unsigned char key[32],
                                            cs_secret_error *err)
{
    if (crypto_pwhash(key, CS_SECRET_STORE_KEY_BYTES, passphrase, len, header->salt,
                      header->opslimit, (size_t)header->memlimit,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID,
                                   "cannot derive the key from the passphrase (out of memory?)");
    return CS_SECRET_OK;
}

void cs_store_header_for_passphrase(store_header *header, int kdf_limit)
{
    header->key_source = STORE_KEY_PASSPHRASE;
    randombytes_buf(header->salt, sizeof header->salt);
    switch ((cs_secret_store_kdf_limit)kdf_limit) {
    case CS_SECRET_STORE_KDF_MODERATE:
        header->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
        header->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
        break;
    case CS_SECRET_STORE_KDF_MINIMAL:
        header->opslimit = crypto_pwhash_OPSLIMIT_MIN;
        header->memlimit = crypto_pwhash_MEMLIMIT_MIN;
        break;
    case CS_SECRET_STORE_KDF_INTERACTIVE:
    default:
        header->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        header->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
        break;
    }
}

cs_secret_code cs_secret_store_create_key_file(const char *path, cs_secret_error *err)
{
    if (!path || !*path)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "no key file path given");
    if (sodium_init() < 0)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID,
                                   "libsodium failed to initialise");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST)
            return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                       "key file %s already exists; refusing to overwrite it",
                                       path);
        return key_file_error(path, errno, err);
    }
    unsigned char key[CS_SECRET_STORE_KEY_BYTES];
    char text[KEY_HEX_LEN + 2];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(text, sizeof text, key, sizeof key);
    text[KEY_HEX_LEN] = '\n';
    errno = 0;
    bool ok = write(fd, text, KEY_HEX_LEN + 1) == KEY_HEX_LEN + 1 && fsync(fd) == 0;
    int saved = errno ? errno : EIO;
    sodium_memzero(key, sizeof key);
    sodium_memzero(text, sizeof text);
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(path);
        return key_file_error(path, saved, err);
    }
    return CS_SECRET_OK;
}
