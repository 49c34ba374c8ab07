/* The encrypted store's key schedule and entry sealing.  Every subkey is
 * BLAKE2b-256 keyed with the master key over a distinct label, so knowing
 * one subkey (or the key check value) reveals nothing about the others. */
#include <stdlib.h>
#include <string.h>

#include "secrets_store_format.h"

static const char key_check_label[] = "contractc-store key-check v1";
static const char tenant_label[] = "contractc-store tenant v1:";
static const char entry_ad_label[] = "contractc-store entry v1";

void cs_store_key_check(const unsigned char master_key[32], unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)key_check_label,
                       sizeof key_check_label - 1, master_key, 32);
}

void cs_store_tenant_key(const unsigned char master_key[32], const char *tenant,
                         unsigned char out[crypto_aead_xchacha20poly1305_ietf_KEYBYTES])
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, master_key, 32, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_generichash_update(&state, (const unsigned char *)tenant_label, sizeof tenant_label - 1);
    crypto_generichash_update(&state, (const unsigned char *)tenant, strlen(tenant));
    crypto_generichash_final(&state, out, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    sodium_memzero(&state, sizeof state);
}

/* label || len16 tenant || tenant || len16 name || name || version32:
 * length prefixes keep ("a", "bc") and ("ab", "c") apart. */
static unsigned char *associated_data(const store_entry *entry, size_t *len)
{
    size_t tenant_len = strlen(entry->tenant), name_len = strlen(entry->name);
    size_t total = sizeof entry_ad_label - 1 + 2 + tenant_len + 2 + name_len + 4;
    unsigned char *ad = malloc(total);
    if (!ad)
        return NULL;
    size_t at = 0;
    memcpy(ad, entry_ad_label, sizeof entry_ad_label - 1);
    at += sizeof entry_ad_label - 1;
    ad[at++] = (unsigned char)tenant_len;
    ad[at++] = (unsigned char)(tenant_len >> 8);
    memcpy(ad + at, entry->tenant, tenant_len);
    at += tenant_len;
    ad[at++] = (unsigned char)name_len;
    ad[at++] = (unsigned char)(name_len >> 8);
    memcpy(ad + at, entry->name, name_len);
    at += name_len;
    for (int i = 0; i < 4; i++)
        ad[at++] = (unsigned char)(entry->version >> (8 * i));
    *len = total;
    return ad;
}

bool cs_store_entry_seal(const unsigned char master_key[32], store_entry *entry,
                         const unsigned char *plaintext, size_t len)
{
    size_t ad_len = 0;
    unsigned char *ad = associated_data(entry, &ad_len);
    unsigned char *ciphertext = malloc(len + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    if (!ad || !ciphertext) {
        free(ad);
        free(ciphertext);
        return false;
    }
    unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
    cs_store_tenant_key(master_key, entry->tenant, key);
    randombytes_buf(entry->nonce, sizeof entry->nonce);
    unsigned long long sealed_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(ciphertext, &sealed_len, plaintext, len, ad, ad_len,
                                               NULL, entry->nonce, key);
    sodium_memzero(key, sizeof key);
    free(ad);
    free(entry->ciphertext);
    entry->ciphertext = ciphertext;
    entry->ciphertext_len = (size_t)sealed_len;
    return true;
}

cs_secret_code cs_store_entry_open(const unsigned char master_key[32], const store_entry *entry,
                                   unsigned char **plaintext, size_t *len, cs_secret_error *err)
{
    size_t ad_len = 0;
    unsigned char *ad = associated_data(entry, &ad_len);
    size_t capacity = entry->ciphertext_len - crypto_aead_xchacha20poly1305_ietf_ABYTES;
    unsigned char *opened = malloc(capacity + 1);
    if (!ad || !opened) {
        free(ad);
        free(opened);
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID, "out of memory");
    }
    unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
    cs_store_tenant_key(master_key, entry->tenant, key);
    unsigned long long opened_len = 0;
    int status = crypto_aead_xchacha20poly1305_ietf_decrypt(
        opened, &opened_len, NULL, entry->ciphertext, entry->ciphertext_len, ad, ad_len,
        entry->nonce, key);
    sodium_memzero(key, sizeof key);
    free(ad);
    if (status != 0) {
        cs_secret_bytes_free(opened, capacity + 1);
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "entry %s/%s version %u failed authentication",
                                   entry->tenant, entry->name, (unsigned)entry->version);
    }
    opened[opened_len] = 0;
    *plaintext = opened;
    *len = (size_t)opened_len;
    return CS_SECRET_OK;
}
