/* A bounded, thread-safe set of webhook event ids: a chained hash table
 * (SipHash with a random key, so senders cannot force collisions) over a
 * ring of slots in insertion order; a full ring evicts its oldest slot. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "contractc/webhook.h"

#define NO_SLOT SIZE_MAX

typedef struct dedupe_slot {
    char *id;          /* NULL: empty (never used, evicted or forgotten) */
    size_t id_len;
    uint64_t hash;
    size_t next;       /* next slot in the same bucket, or NO_SLOT */
} dedupe_slot;

struct cs_webhook_dedupe {
    pthread_mutex_t lock;
    dedupe_slot *slots;    /* the ring, capacity entries */
    size_t capacity;
    size_t oldest;         /* ring position written next (and evicted first) */
    size_t count;
    size_t *buckets;       /* bucket_count heads, NO_SLOT when empty */
    size_t bucket_count;   /* power of two, at least 2 * capacity */
    unsigned char hash_key[crypto_shorthash_KEYBYTES];
};

static uint64_t hash_id(const cs_webhook_dedupe *set, const char *id, size_t len)
{
    unsigned char digest[crypto_shorthash_BYTES];
    crypto_shorthash(digest, (const unsigned char *)id, len, set->hash_key);
    uint64_t hash;
    memcpy(&hash, digest, sizeof hash);
    return hash;
}

static size_t *bucket_of(cs_webhook_dedupe *set, uint64_t hash)
{
    return &set->buckets[hash & (set->bucket_count - 1)];
}

/* The link (bucket head or a slot's next) that points at the slot holding
 * id, or NULL when absent. */
static size_t *find_link(cs_webhook_dedupe *set, const char *id, size_t len, uint64_t hash)
{
    size_t *link = bucket_of(set, hash);
    while (*link != NO_SLOT) {
        dedupe_slot *slot = &set->slots[*link];
        if (slot->hash == hash && slot->id_len == len && memcmp(slot->id, id, len) == 0)
            return link;
        link = &slot->next;
    }
    return NULL;
}

static void unlink_slot(cs_webhook_dedupe *set, size_t index)
{
    dedupe_slot *slot = &set->slots[index];
    size_t *link = bucket_of(set, slot->hash);
    while (*link != index)
        link = &set->slots[*link].next;
    *link = slot->next;
    free(slot->id);
    slot->id = NULL;
    slot->next = NO_SLOT;
    set->count--;
}

cs_webhook_dedupe *cs_webhook_dedupe_new(size_t capacity)
{
    if (capacity == 0 || capacity > SIZE_MAX / 4 / sizeof(dedupe_slot) || sodium_init() < 0)
        return NULL;
    cs_webhook_dedupe *set = calloc(1, sizeof *set);
    if (!set)
        return NULL;
    set->bucket_count = 2;
    while (set->bucket_count < 2 * capacity)
        set->bucket_count *= 2;
    set->capacity = capacity;
    set->slots = calloc(capacity, sizeof *set->slots);
    set->buckets = malloc(set->bucket_count * sizeof *set->buckets);
    if (!set->slots || !set->buckets || pthread_mutex_init(&set->lock, NULL) != 0) {
        free(set->slots);
        free(set->buckets);
        free(set);
        return NULL;
    }
    for (size_t i = 0; i < set->bucket_count; i++)
        set->buckets[i] = NO_SLOT;
    for (size_t i = 0; i < capacity; i++)
        set->slots[i].next = NO_SLOT;
    randombytes_buf(set->hash_key, sizeof set->hash_key);
    return set;
}

void cs_webhook_dedupe_free(cs_webhook_dedupe *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->capacity; i++)
        free(set->slots[i].id);
    free(set->slots);
    free(set->buckets);
    pthread_mutex_destroy(&set->lock);
    free(set);
}

static bool id_valid(const char *event_id)
{
    return event_id && *event_id;
}

cs_webhook_dedupe_result cs_webhook_dedupe_check(cs_webhook_dedupe *set, const char *event_id)
{
    if (!set || !id_valid(event_id))
        return CS_WEBHOOK_DEDUPE_ERROR;
    size_t len = strlen(event_id);
    uint64_t hash = hash_id(set, event_id, len);
    char *copy = malloc(len + 1);
    if (!copy)
        return CS_WEBHOOK_DEDUPE_ERROR;
    memcpy(copy, event_id, len + 1);

    pthread_mutex_lock(&set->lock);
    if (find_link(set, event_id, len, hash)) {
        pthread_mutex_unlock(&set->lock);
        free(copy);
        return CS_WEBHOOK_DEDUPE_REPLAY;
    }
    size_t index = set->oldest;
    if (set->slots[index].id)
        unlink_slot(set, index);
    size_t *head = bucket_of(set, hash);
    set->slots[index] = (dedupe_slot){copy, len, hash, *head};
    *head = index;
    set->count++;
    set->oldest = (index + 1) % set->capacity;
    pthread_mutex_unlock(&set->lock);
    return CS_WEBHOOK_DEDUPE_NEW;
}

bool cs_webhook_dedupe_contains(cs_webhook_dedupe *set, const char *event_id)
{
    if (!set || !id_valid(event_id))
        return false;
    size_t len = strlen(event_id);
    uint64_t hash = hash_id(set, event_id, len);
    pthread_mutex_lock(&set->lock);
    bool found = find_link(set, event_id, len, hash) != NULL;
    pthread_mutex_unlock(&set->lock);
    return found;
}

bool cs_webhook_dedupe_forget(cs_webhook_dedupe *set, const char *event_id)
{
    if (!set || !id_valid(event_id))
        return false;
    size_t len = strlen(event_id);
    uint64_t hash = hash_id(set, event_id, len);
    pthread_mutex_lock(&set->lock);
    size_t *link = find_link(set, event_id, len, hash);
    if (link)
        unlink_slot(set, *link);
    pthread_mutex_unlock(&set->lock);
    return link != NULL;
}

size_t cs_webhook_dedupe_count(cs_webhook_dedupe *set)
{
    if (!set)
        return 0;
    pthread_mutex_lock(&set->lock);
    size_t count = set->count;
    pthread_mutex_unlock(&set->lock);
    return count;
}
