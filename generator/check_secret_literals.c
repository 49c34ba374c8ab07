/* check_secret_literals: specs and the docs generated from them must stay
 * redacted.  A literal that looks like a real credential is an error:
 *
 *   - known token shapes, by prefix: Stripe (sk_live_, rk_live_, sk_test_,
 *     rk_test_, whsec_), Slack (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-), GitHub
 *     (ghp_, gho_, ghs_, ghu_, ghr_, github_pat_), AWS access key ids
 *     (AKIA/ASIA + 16), OpenAI-style sk-, Google API keys (AIza + 35), PEM
 *     private keys with a body, JWTs (eyJ...eyJ...signature);
 *   - in literal values only (examples, defaults, enum/const values,
 *     header values, arguments): any other token of 24 or more characters
 *     with letters and digits, a Shannon entropy of at least 4 bits per
 *     character and the frequent changes of character class of random
 *     text, that is not a URL, a path, a UUID, a date, an email or a
 *     provider's public identifier (Stripe's pk_live_, cus_, pi_, ...).
 *
 * Prose (descriptions, instructions, scenario steps, URLs) gets the
 * token-shape checks only, so ordinary text does not trip the entropy
 * rule.  A token whose random part is a placeholder -- no digit, or fewer
 * than 6 distinct characters (sk_live_***, sk_live_xxxxxxxxxxxx,
 * AKIA...EXAMPLE) -- is fine.  Messages show at most the first 4
 * characters of the token, never the value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "value_check_internal.h"

#define ENTROPY_MIN_LENGTH 24
#define ENTROPY_MIN_BITS 4.0
#define PLACEHOLDER_MAX_DISTINCT 5
/* Random text changes character class (digit, upper, lower, other)
 * between ~60% of neighbouring characters; identifiers, paths and dotted
 * names change far less often (at word boundaries only). */
#define ENTROPY_MIN_CLASS_SWITCHES 0.35

typedef struct finding {
    const char *what;        /* "a Stripe live secret key" */
    const char *redacted;    /* "sk_live_***" */
    const char *token;       /* where the suspicious token starts */
    size_t token_len;
    double bits;             /* for the entropy rule, else 0 */
} finding;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
static bool is_word(char c) { return is_alnum(c) || c == '_' || c == '-'; }
static bool is_alnum_underscore(char c) { return is_alnum(c) || c == '_'; }
static bool is_upper_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }
static bool is_base64(char c) { return is_alnum(c) || c == '+' || c == '/' || c == '='; }

static size_t run_length(const char *s, size_t len, bool (*pred)(char))
{
    size_t n = 0;
    while (n < len && pred(s[n]))
        n++;
    return n;
}

/* A random-looking run: a digit, a letter and at least 6 distinct
 * characters.  Placeholders (xxx, ***, your_key_here) fail. */
static bool looks_random(const char *s, size_t len)
{
    bool digit = false, letter = false, seen[256] = {false};
    size_t distinct = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        digit = digit || is_digit(s[i]);
        letter = letter || is_alpha(s[i]);
        if (!seen[c]) {
            seen[c] = true;
            distinct++;
        }
    }
    return digit && letter && distinct > PLACEHOLDER_MAX_DISTINCT;
}

static bool contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------- token shapes */

typedef struct prefix_rule {
    const char *prefix;
    bool (*body_char)(char);
    size_t min_body;
    const char *what;
    const char *redacted;
} prefix_rule;

static const prefix_rule prefix_rules[] = {
    {"sk_live_", is_alnum, 10, "a Stripe live secret key", "sk_live_***"},
    {"rk_live_", is_alnum, 10, "a Stripe live restricted key", "rk_live_***"},
    {"sk_test_", is_alnum, 10, "a Stripe test secret key", "sk_test_***"},
    {"rk_test_", is_alnum, 10, "a Stripe test restricted key", "rk_test_***"},
    {"whsec_", is_alnum, 20, "a Stripe webhook signing secret", "whsec_***"},
    {"xoxb-", is_word, 10, "a Slack bot token", "xoxb-***"},
    {"xoxp-", is_word, 10, "a Slack user token", "xoxp-***"},
    {"xoxa-", is_word, 10, "a Slack app token", "xoxa-***"},
    {"xoxr-", is_word, 10, "a Slack refresh token", "xoxr-***"},
    {"xoxs-", is_word, 10, "a Slack session token", "xoxs-***"},
    {"ghp_", is_alnum_underscore, 20, "a GitHub personal access token", "ghp_***"},
    {"gho_", is_alnum_underscore, 20, "a GitHub OAuth token", "gho_***"},
    {"ghs_", is_alnum_underscore, 20, "a GitHub app token", "ghs_***"},
    {"ghu_", is_alnum_underscore, 20, "a GitHub user-to-server token", "ghu_***"},
    {"ghr_", is_alnum_underscore, 20, "a GitHub refresh token", "ghr_***"},
    {"github_pat_", is_alnum_underscore, 20, "a GitHub fine-grained token", "github_pat_***"},
    {"sk-", is_word, 20, "an OpenAI-style API key", "sk-***"},
    {"AIza", is_word, 35, "a Google API key", "AIza***"},
};

static bool match_prefix_rule(const prefix_rule *rule, const char *s, size_t len, finding *out)
{
    if (s[0] != rule->prefix[0])
        return false;   /* the common case, decided without strlen */
    size_t plen = strlen(rule->prefix);
    if (len < plen || memcmp(s, rule->prefix, plen) != 0)
        return false;
    size_t body = run_length(s + plen, len - plen, rule->body_char);
    if (body < rule->min_body || !looks_random(s + plen, body))
        return false;
    *out = (finding){rule->what, rule->redacted, s, plen + body, 0};
    return true;
}

/* AKIA/ASIA followed by exactly 16 upper-case letters or digits. */
static bool match_aws(const char *s, size_t len, finding *out)
{
    if (len < 20 || (memcmp(s, "AKIA", 4) != 0 && memcmp(s, "ASIA", 4) != 0))
        return false;
    size_t body = run_length(s + 4, len - 4, is_upper_alnum);
    if (body != 16 || (len > 20 && is_alnum(s[20])) || contains(s, 20, "EXAMPLE") ||
        !looks_random(s + 4, body))
        return false;
    *out = (finding){"an AWS access key id", "AKIA***", s, 20, 0};
    return true;
}

/* eyJ<header>.eyJ<payload>.<signature>, each part 10+ base64url chars. */
static bool match_jwt(const char *s, size_t len, finding *out)
{
    size_t at = 0;
    for (int part = 0; part < 3; part++) {
        if (part < 2 && (len - at < 3 || memcmp(s + at, "eyJ", 3) != 0))
            return false;
        size_t n = run_length(s + at, len - at, is_word);
        if (n < 10)
            return false;
        at += n;
        if (part < 2) {
            if (at >= len || s[at] != '.')
                return false;
            at++;
        }
    }
    *out = (finding){"a JSON Web Token", "eyJ***", s, at, 0};
    return true;
}

/* -----BEGIN ... PRIVATE KEY----- followed by 40+ base64 characters. */
static bool match_pem(const char *s, size_t len, finding *out)
{
    static const char begin[] = "-----BEGIN ";
    static const char tail[] = "PRIVATE KEY-----";
    if (len < sizeof begin - 1 || memcmp(s, begin, sizeof begin - 1) != 0)
        return false;
    size_t at = sizeof begin - 1;
    size_t label_end = at;
    while (label_end < len && label_end - at < 40 && s[label_end] != '\n' &&
           !(len - label_end >= sizeof tail - 1 && memcmp(s + label_end, tail, sizeof tail - 1) == 0))
        label_end++;
    if (len - label_end < sizeof tail - 1 || memcmp(s + label_end, tail, sizeof tail - 1) != 0)
        return false;
    size_t body = 0;
    for (at = label_end + sizeof tail - 1; at < len && s[at] != '-'; at++) {
        if (is_base64(s[at]))
            body++;
        else if (s[at] != '\n' && s[at] != '\r' && s[at] != ' ' && s[at] != '\t')
            break;
    }
    if (body < 40)
        return false;
    *out = (finding){"a PEM private key", "-----BEGIN PRIVATE KEY-----\\n...", s, at, 0};
    return true;
}

/* The first characters of the shapes above (a table: this runs on every
 * character of every string in the specs). */
static const bool starts_shape[256] = {
    ['s'] = true, ['r'] = true, ['w'] = true, ['x'] = true, ['g'] = true, ['A'] = true,
    ['e'] = true, ['-'] = true,
};

/* The token shapes, tried wherever a token starts. */
static bool find_shaped(const char *s, size_t len, finding *out)
{
    for (size_t i = 0; i < len; i++) {
        if (!starts_shape[(unsigned char)s[i]])
            continue;   /* no shape starts with this character */
        if (i > 0 && is_word(s[i - 1]) && s[i] != '-')
            continue;   /* not the start of a token */
        const char *p = s + i;
        size_t rest = len - i;
        if (s[i] == '-') {
            if ((i == 0 || s[i - 1] != '-') && match_pem(p, rest, out))
                return true;
            continue;
        }
        for (size_t r = 0; r < sizeof prefix_rules / sizeof prefix_rules[0]; r++)
            if (match_prefix_rule(&prefix_rules[r], p, rest, out))
                return true;
        if ((s[i] == 'A' && match_aws(p, rest, out)) || (s[i] == 'e' && match_jwt(p, rest, out)))
            return true;
    }
    return false;
}

/* ------------------------------------------------------------- entropy */

static double shannon_bits(const char *s, size_t len)
{
    size_t counts[256] = {0};
    for (size_t i = 0; i < len; i++)
        counts[(unsigned char)s[i]]++;
    double bits = 0;
    for (size_t c = 0; c < 256; c++) {
        if (counts[c] == 0)
            continue;
        double p = (double)counts[c] / (double)len;
        bits -= p * log2(p);
    }
    return bits;
}

static bool is_token_char(char c)
{
    return c > 0x20 && c < 0x7f && !strchr("\"'`(),;<>[]{}", c);
}

static int char_class(char c)
{
    if (is_digit(c))
        return 0;
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (c >= 'a' && c <= 'z')
        return 2;
    return 3;
}

static double class_switch_ratio(const char *s, size_t len)
{
    size_t switches = 0;
    for (size_t i = 1; i < len; i++)
        if (char_class(s[i]) != char_class(s[i - 1]))
            switches++;
    return len > 1 ? (double)switches / (double)(len - 1) : 0;
}

/* Identifiers providers publish (Stripe object ids, publishable keys):
 * random-looking, but not secrets. */
static bool has_public_id_prefix(const char *s, size_t len)
{
    static const char *const prefixes[] = {
        "pk_live_", "pk_test_", "acct_", "cus_", "pi_", "ch_", "pm_", "evt_", "in_", "sub_",
        "price_", "prod_", "txn_", "re_", "po_", "tr_", "seti_", "src_", "card_", "ba_",
        "cs_live_", "cs_test_", "si_", "ii_", "py_", "req_",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (len > n && memcmp(s, prefixes[i], n) == 0)
            return true;
    }
    return false;
}

/* Tokens that are high-entropy by nature but not secrets. */
static bool is_benign_token(const char *s, size_t len)
{
    if (has_public_id_prefix(s, len))
        return true;
    if (contains(s, len, "://") || s[0] == '/' || s[0] == '~' || (s[0] == '.' && len > 1 && s[1] == '/'))
        return true;
    if (text_is_uuid(s, len) || text_is_date(s, len) || text_is_date_time(s, len) ||
        text_is_email(s, len))
        return true;
    /* a UUID inside an identifier (conn_123e4567-e89b-...) */
    for (size_t i = 0; i + 36 <= len; i++)
        if (s[i + 8] == '-' && s[i + 13] == '-' && text_is_uuid(s + i, 36))
            return true;
    return false;
}

static bool find_high_entropy(const char *s, size_t len, finding *out)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && !is_token_char(s[i]))
            i++;
        size_t start = i;
        while (i < len && is_token_char(s[i]))
            i++;
        size_t n = i - start;
        if (n < ENTROPY_MIN_LENGTH)
            continue;
        const char *t = s + start;
        bool digit = false, letter = false;
        for (size_t k = 0; k < n; k++) {
            digit = digit || is_digit(t[k]);
            letter = letter || is_alpha(t[k]);
        }
        if (!digit || !letter || class_switch_ratio(t, n) < ENTROPY_MIN_CLASS_SWITCHES ||
            is_benign_token(t, n))
            continue;
        double bits = shannon_bits(t, n);
        if (bits >= ENTROPY_MIN_BITS) {
            *out = (finding){"a high-entropy secret", "***", t, n, bits};
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------- reporting */

typedef struct lint {
    diag_set *diags;
    value_path path;
} lint;

static void report(lint *l, src_loc loc, const char *where, const finding *f)
{
    char prefix[8];
    size_t n = f->token_len < 4 ? f->token_len : 4;
    memcpy(prefix, f->token, n);
    prefix[n] = '\0';
    const char *sep = l->path.len ? " " : "";
    if (f->bits > 0)
        diag_error(l->diags, loc,
                   "%s%s%s: string looks like %s ('%s\u2026', %zu characters, %.1f bits per "
                   "character); specs must stay redacted: write a placeholder such as '%s'",
                   where, sep, l->path.text, f->what, prefix, f->token_len, f->bits, f->redacted);
    else
        diag_error(l->diags, loc,
                   "%s%s%s: string looks like %s ('%s\u2026'); specs must stay redacted: write a "
                   "placeholder such as '%s'",
                   where, sep, l->path.text, f->what, prefix, f->redacted);
}

static void lint_string(lint *l, src_loc loc, const char *where, const char *s, size_t len,
                        bool is_value)
{
    finding f;
    if (!s)
        return;
    if (find_shaped(s, len, &f) || (is_value && find_high_entropy(s, len, &f)))
        report(l, loc, where, &f);
}

static void lint_text(lint *l, const ir_text *text, const char *where)
{
    if (text->text)
        lint_string(l, text->loc, where, text->text, strlen(text->text), false);
}

static void lint_text_list(lint *l, const ir_text_list *list, const char *where)
{
    for (size_t i = 0; i < list->count; i++)
        lint_text(l, &list->items[i], where);
}

/* Every string in a literal value (keys are names, not secrets). */
static void lint_value(lint *l, const ir_value *v, const char *where, size_t depth)
{
    if (!v || depth > VALUE_CHECK_MAX_DEPTH)
        return;
    if (v->kind == IR_VALUE_STRING) {
        lint_string(l, v->loc, where, v->string_value, v->string_len, true);
    } else if (v->kind == IR_VALUE_ARRAY) {
        for (size_t i = 0; i < v->count; i++) {
            size_t mark = value_path_push_index(&l->path, i);
            lint_value(l, v->items[i], where, depth + 1);
            value_path_truncate(&l->path, mark);
        }
    } else if (v->kind == IR_VALUE_OBJECT) {
        for (size_t i = 0; i < v->count; i++) {
            size_t mark = value_path_push_key(&l->path, v->members[i].key.text);
            lint_value(l, v->members[i].value, where, depth + 1);
            value_path_truncate(&l->path, mark);
        }
    }
}

static void lint_root_value(lint *l, const ir_value *v, const char *where)
{
    value_path_truncate(&l->path, 0);
    lint_value(l, v, where, 0);
}

/* Literal values inside a schema: default, const, enum values, and the
 * same in nested schemas. */
static void lint_schema(lint *l, const ir_schema *s, const char *where, size_t depth)
{
    if (!s || depth > VALUE_CHECK_MAX_DEPTH)
        return;
    char what[96];
    snprintf(what, sizeof what, "%.60s default", where);
    lint_root_value(l, s->default_value, what);
    snprintf(what, sizeof what, "%.60s const", where);
    lint_root_value(l, s->const_value, what);
    snprintf(what, sizeof what, "%.60s enum", where);
    lint_root_value(l, s->enum_values, what);
    snprintf(what, sizeof what, "%.60s description", where);
    value_path_truncate(&l->path, 0);
    lint_text(l, &s->description, what);
    for (size_t i = 0; i < s->property_count; i++)
        lint_schema(l, s->properties[i].schema, where, depth + 1);
    lint_schema(l, s->items, where, depth + 1);
    lint_schema(l, s->additional_properties, where, depth + 1);
}

static void lint_schema_block(lint *l, const ir_schema_block *block, const char *name)
{
    if (!block->present)
        return;
    char where[64];
    snprintf(where, sizeof where, "%s example", name);
    lint_root_value(l, block->example, where);
    snprintf(where, sizeof where, "%s", name);
    lint_schema(l, block->schema, where, 0);
}

static void lint_meta(lint *l, const ir_meta *meta)
{
    lint_text(l, &meta->title, "title");
    lint_text(l, &meta->description, "description");
    lint_text(l, &meta->goal, "goal");
    lint_text(l, &meta->context, "context");
}

static void lint_integration(lint *l, const ir_integration *in)
{
    lint_meta(l, &in->meta);
    lint_schema_block(l, &in->config_schema, "configSchema");
    lint_schema_block(l, &in->secret_schema, "secretSchema");
    for (size_t i = 0; i < in->transport_count; i++) {
        const ir_transport *t = &in->transports[i];
        lint_text(l, &t->base_url, "transport baseUrl");
        lint_text(l, &t->url, "transport url");
        lint_text(l, &t->command, "transport command");
        for (size_t k = 0; k < t->default_headers.count; k++) {
            const ir_text *value = &t->default_headers.items[k].value;
            if (value->text)
                lint_string(l, value->loc, "default header value", value->text,
                            strlen(value->text), true);
        }
        for (size_t k = 0; k < t->args.count; k++) {
            const ir_text *arg = &t->args.items[k];
            if (arg->text)
                lint_string(l, arg->loc, "transport argument", arg->text, strlen(arg->text), true);
        }
    }
    for (size_t i = 0; i < in->auth_method_count; i++) {
        const ir_auth_method *a = &in->auth_methods[i];
        lint_text(l, &a->prefix, "auth prefix");
        lint_text(l, &a->value_prefix, "auth valuePrefix");
        lint_text(l, &a->token_url, "auth tokenUrl");
        lint_text(l, &a->authorization_url, "auth authorizationUrl");
    }
    lint_text(l, &in->docs_url, "docsUrl");
    lint_text(l, &in->setup_guide_url, "setupGuideUrl");
    lint_text(l, &in->byok_setup.setup_instructions, "byokSetup setupInstructions");
    lint_text(l, &in->byok_setup.validation_endpoint, "byokSetup validationEndpoint");
    lint_text_list(l, &in->byok_setup.provisioning_steps, "byokSetup provisioningSteps");
}

static void lint_operation(lint *l, const ir_operation *op)
{
    lint_meta(l, &op->meta);
    char where[256];
    for (size_t i = 0; i < op->acceptance.example_count; i++) {
        const ir_example *x = &op->acceptance.examples[i];
        if (x->key.text)
            snprintf(where, sizeof where, "example '%.*s' input", utf8_fit(x->key.text, 200),
                     x->key.text);
        else
            snprintf(where, sizeof where, "example #%zu input", i + 1);
        lint_root_value(l, x->input, where);
        memcpy(where + strlen(where) - strlen("input"), "output", sizeof "output");
        lint_root_value(l, x->output, where);
    }
    for (size_t i = 0; i < op->acceptance.scenario_count; i++) {
        const ir_scenario *s = &op->acceptance.scenarios[i];
        lint_text_list(l, &s->given, "scenario step");
        lint_text_list(l, &s->when, "scenario step");
        lint_text_list(l, &s->then, "scenario step");
    }
    for (size_t i = 0; i < op->io.error_count; i++)
        lint_text(l, &op->io.errors[i].description, "error description");
}

static void lint_model(lint *l, const ir_model *m)
{
    lint_text(l, &m->description, "description");
    char where[160];
    for (size_t i = 0; i < m->field_count; i++) {
        const ir_field *f = &m->fields[i];
        const char *name = f->name.text ? f->name.text : "";
        snprintf(where, sizeof where, "defaultValue of field '%.*s'", utf8_fit(name, 100), name);
        lint_root_value(l, f->default_value, where);
        lint_text(l, &f->description, "description");
    }
    if (m->schema && !m->synthesized)
        lint_schema(l, m->schema, "schema", 0);
}

void check_secret_literals(ir_program *program, diag_set *diags)
{
    lint l = {diags, {0}};
    value_path_init(&l.path);
    for (size_t i = 0; i < program->integration_count; i++)
        lint_integration(&l, program->integrations[i]);
    for (size_t i = 0; i < program->operation_count; i++)
        lint_operation(&l, program->operations[i]);
    for (size_t i = 0; i < program->event_count; i++)
        lint_meta(&l, &program->events[i]->meta);
    for (size_t i = 0; i < program->model_count; i++)
        lint_model(&l, program->models[i]);
    for (size_t i = 0; i < program->enum_count; i++) {
        const ir_enum *e = program->enums[i];
        lint_text(&l, &e->description, "description");
        for (size_t k = 0; k < e->values.count; k++) {
            const ir_text *v = &e->values.items[k];
            if (v->text)
                lint_string(&l, v->loc, "enum value", v->text, strlen(v->text), true);
        }
    }
    value_path_free(&l.path);
}
