/* ir: the in-memory model of every spec in one compiler run.
 *
 * The loader builds a syntax tree (cnode.h); lowering (lower_*.c) turns
 * it into this model, normalising the documentation's flat integration
 * form into the canonical one; the checker (check_*.c) validates the model
 * and resolves references; views (view_*.c) read the checked model.  No
 * stage after lowering looks at the syntax tree: everything a later stage
 * needs, including the source location of anything a diagnostic may point
 * at, is here.
 *
 * Conventions
 *   - An absent optional string is an ir_text whose text is NULL; its loc
 *     is then the location of the owning object (useful for "missing
 *     field" diagnostics).
 *   - Optional scalars carry a `present` flag: 0 and false are values, not
 *     "unset" (STYLE.md rule 7).
 *   - Lists keep document order.  Top-level entities keep load order
 *     (files in sorted path order, documents in file order).
 *   - Enumerated fields keep both the parsed enum and the source text, so
 *     an unknown value can be reported with its spelling; the enum is then
 *     the *_UNKNOWN member.
 *
 * Ownership: every node, list and string belongs to the ir_program and is
 * released by ir_program_free(); nothing in it is freed individually.
 * Nothing points into the cnode tree, so the load_set may be freed once
 * lowering is done.
 */
#ifndef CONTRACTC_IR_H
#define CONTRACTC_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* ---------------------------------------------------------------- basics */

typedef struct ir_text {
    const char *text;   /* NULL when absent */
    src_loc loc;
    /* Written, but not as a string (lowering reported it): text is NULL,
     * loc is where the value is, and checkers do not call it missing. */
    bool invalid;
} ir_text;

typedef struct ir_text_list {
    ir_text *items;
    size_t count;
    src_loc loc;        /* the list itself */
    bool invalid;       /* written, but not as a sequence (lowering reported it) */
} ir_text_list;

typedef struct ir_opt_bool {
    bool present;
    bool value;
    src_loc loc;
} ir_opt_bool;

typedef struct ir_opt_int {
    bool present;
    int64_t value;
    src_loc loc;
} ir_opt_int;

typedef struct ir_opt_number {
    bool present;
    double value;
    bool is_integer;    /* written as an integer literal */
    src_loc loc;
} ir_opt_number;

/* A JSON value written in a spec (examples, defaults, enum/const values),
 * with the location of every node so a checker can point inside it. */
typedef enum ir_value_kind {
    IR_VALUE_NULL,
    IR_VALUE_BOOL,
    IR_VALUE_INT,       /* integer literal within int64 */
    IR_VALUE_FLOAT,
    IR_VALUE_STRING,
    IR_VALUE_ARRAY,
    IR_VALUE_OBJECT
} ir_value_kind;

typedef struct ir_value ir_value;

typedef struct ir_member {
    ir_text key;
    ir_value *value;
} ir_member;

struct ir_value {
    ir_value_kind kind;
    src_loc loc;
    bool bool_value;
    int64_t int_value;
    double float_value;         /* also set for IR_VALUE_INT */
    const char *string_value;   /* IR_VALUE_STRING; also the source text of numbers */
    size_t string_len;
    size_t count;               /* items or members */
    ir_value **items;           /* IR_VALUE_ARRAY */
    ir_member *members;         /* IR_VALUE_OBJECT, document order */
};

/* A key/value pair of strings (headers, labels). */
typedef struct ir_pair {
    ir_text key;
    ir_text value;
} ir_pair;

typedef struct ir_pair_list {
    ir_pair *items;
    size_t count;
} ir_pair_list;

/* ---------------------------------------------------------------- enums */

/* X-macros: each list is declared once and yields the C enum and the
 * spelling table (ir_names.c). */
#define IR_STABILITY_LIST(X) \
    X(IDEA, "idea") X(IN_CREATION, "in_creation") X(EXPERIMENTAL, "experimental") \
    X(BETA, "beta") X(STABLE, "stable") X(DEPRECATED, "deprecated")

#define IR_CATEGORY_LIST(X) \
    X(PAYMENTS, "payments") X(EMAIL, "email") X(CALENDAR, "calendar") X(SMS, "sms") \
    X(MESSAGING, "messaging") X(HEALTH, "health") X(AI_LLM, "ai-llm") \
    X(AI_VOICE_TTS, "ai-voice-tts") X(AI_VOICE_STT, "ai-voice-stt") \
    X(AI_VOICE_CONVERSATIONAL, "ai-voice-conversational") X(AI_IMAGE, "ai-image") \
    X(ANALYTICS, "analytics") X(VECTOR_DB, "vector-db") X(STORAGE, "storage") \
    X(ACCOUNTING, "accounting") X(CRM, "crm") X(HELPDESK, "helpdesk") \
    X(PROJECT_MANAGEMENT, "project-management") X(OPEN_BANKING, "open-banking") \
    X(MEETING_RECORDER, "meeting-recorder") X(DATABASE, "database") X(CUSTOM, "custom")

#define IR_OWNERSHIP_MODE_LIST(X) X(MANAGED, "managed") X(BYOK, "byok")

#define IR_TRANSPORT_TYPE_LIST(X) X(REST, "rest") X(MCP, "mcp") X(WEBHOOK, "webhook") X(SDK, "sdk")

#define IR_AUTH_TYPE_LIST(X) \
    X(API_KEY, "api-key") X(OAUTH2, "oauth2") X(BEARER, "bearer") X(HEADER, "header") \
    X(BASIC, "basic") X(WEBHOOK_SIGNING, "webhook-signing") X(SERVICE_ACCOUNT, "service-account")

#define IR_VERSION_STATUS_LIST(X) \
    X(STABLE, "stable") X(BETA, "beta") X(DEPRECATED, "deprecated") X(SUNSET, "sunset")

#define IR_HEALTH_METHOD_LIST(X) X(PING, "ping") X(LIST, "list") X(CUSTOM, "custom")

#define IR_POLICY_AUTH_LIST(X) X(ANONYMOUS, "anonymous") X(USER, "user") X(ADMIN, "admin")

#define IR_CAPABILITY_KIND_LIST(X) \
    X(API, "api") X(EVENT, "event") X(DATA, "data") X(UI, "ui") X(INTEGRATION, "integration")

/* ContractSpec's ScalarTypeEnum (reference section 8.1). */
#define IR_SCALAR_LIST(X) \
    X(STRING_UNSECURE, "String_unsecure") X(INT_UNSECURE, "Int_unsecure") \
    X(FLOAT_UNSECURE, "Float_unsecure") X(BOOLEAN, "Boolean") X(ID, "ID") X(JSON, "JSON") \
    X(JSON_OBJECT, "JSONObject") X(DATE, "Date") X(DATE_TIME, "DateTime") X(TIME, "Time") \
    X(EMAIL_ADDRESS, "EmailAddress") X(URL, "URL") X(PHONE_NUMBER, "PhoneNumber") \
    X(NON_EMPTY_STRING, "NonEmptyString") X(LOCALE, "Locale") X(TIME_ZONE, "TimeZone") \
    X(LATITUDE, "Latitude") X(LONGITUDE, "Longitude") X(CURRENCY, "Currency") \
    X(COUNTRY_CODE, "CountryCode")

/* Each enum gets UNSET (absent) first and UNKNOWN (present, but not a
 * known spelling) last, and a TYPE_field struct holding the parsed value
 * with the text as written. */
#define IR_DECLARE_ENUM(type, prefix, LIST)                         \
    typedef enum type {                                             \
        prefix##UNSET = 0,                                          \
        LIST(IR_ENUM_MEMBER_##prefix)                               \
        prefix##UNKNOWN                                             \
    } type;                                                         \
    typedef struct type##_field {                                   \
        type value;                                                 \
        ir_text text;                                               \
    } type##_field;

#define IR_ENUM_MEMBER_IR_STABILITY_(name, text) IR_STABILITY_##name,
#define IR_ENUM_MEMBER_IR_CATEGORY_(name, text) IR_CATEGORY_##name,
#define IR_ENUM_MEMBER_IR_MODE_(name, text) IR_MODE_##name,
#define IR_ENUM_MEMBER_IR_TRANSPORT_(name, text) IR_TRANSPORT_##name,
#define IR_ENUM_MEMBER_IR_AUTH_(name, text) IR_AUTH_##name,
#define IR_ENUM_MEMBER_IR_VERSION_STATUS_(name, text) IR_VERSION_STATUS_##name,
#define IR_ENUM_MEMBER_IR_HEALTH_(name, text) IR_HEALTH_##name,
#define IR_ENUM_MEMBER_IR_POLICY_AUTH_(name, text) IR_POLICY_AUTH_##name,
#define IR_ENUM_MEMBER_IR_CAPABILITY_KIND_(name, text) IR_CAPABILITY_KIND_##name,
#define IR_ENUM_MEMBER_IR_SCALAR_(name, text) IR_SCALAR_##name,

IR_DECLARE_ENUM(ir_stability, IR_STABILITY_, IR_STABILITY_LIST)
IR_DECLARE_ENUM(ir_category, IR_CATEGORY_, IR_CATEGORY_LIST)
IR_DECLARE_ENUM(ir_ownership_mode, IR_MODE_, IR_OWNERSHIP_MODE_LIST)
IR_DECLARE_ENUM(ir_transport_type, IR_TRANSPORT_, IR_TRANSPORT_TYPE_LIST)
IR_DECLARE_ENUM(ir_auth_type, IR_AUTH_, IR_AUTH_TYPE_LIST)
IR_DECLARE_ENUM(ir_version_status, IR_VERSION_STATUS_, IR_VERSION_STATUS_LIST)
IR_DECLARE_ENUM(ir_health_method, IR_HEALTH_, IR_HEALTH_METHOD_LIST)
IR_DECLARE_ENUM(ir_policy_auth, IR_POLICY_AUTH_, IR_POLICY_AUTH_LIST)
IR_DECLARE_ENUM(ir_capability_kind, IR_CAPABILITY_KIND_, IR_CAPABILITY_KIND_LIST)
IR_DECLARE_ENUM(ir_scalar, IR_SCALAR_, IR_SCALAR_LIST)

/* Spelling of a member ("stable"), NULL for UNSET/UNKNOWN; and parsing of
 * a spelling (UNKNOWN when not found, UNSET for NULL).  ir_names.c. */
const char *ir_stability_name(ir_stability v);
ir_stability ir_stability_parse(const char *text);
const char *ir_category_name(ir_category v);
ir_category ir_category_parse(const char *text);
const char *ir_ownership_mode_name(ir_ownership_mode v);
ir_ownership_mode ir_ownership_mode_parse(const char *text);
const char *ir_transport_type_name(ir_transport_type v);
ir_transport_type ir_transport_type_parse(const char *text);
const char *ir_auth_type_name(ir_auth_type v);
ir_auth_type ir_auth_type_parse(const char *text);
const char *ir_version_status_name(ir_version_status v);
ir_version_status ir_version_status_parse(const char *text);
const char *ir_health_method_name(ir_health_method v);
ir_health_method ir_health_method_parse(const char *text);
const char *ir_policy_auth_name(ir_policy_auth v);
ir_policy_auth ir_policy_auth_parse(const char *text);
const char *ir_capability_kind_name(ir_capability_kind v);
ir_capability_kind ir_capability_kind_parse(const char *text);
const char *ir_scalar_name(ir_scalar v);
ir_scalar ir_scalar_parse(const char *text);

/* The spellings of each list in declaration order, for "did you mean"
 * suggestions and docs: ir_NAME_names[0 .. ir_NAME_name_count-1]. */
#define IR_DECLARE_NAME_TABLE(name) \
    extern const char *const ir_##name##_names[]; \
    extern const size_t ir_##name##_name_count;
IR_DECLARE_NAME_TABLE(stability)
IR_DECLARE_NAME_TABLE(category)
IR_DECLARE_NAME_TABLE(ownership_mode)
IR_DECLARE_NAME_TABLE(transport_type)
IR_DECLARE_NAME_TABLE(auth_type)
IR_DECLARE_NAME_TABLE(version_status)
IR_DECLARE_NAME_TABLE(health_method)
IR_DECLARE_NAME_TABLE(policy_auth)
IR_DECLARE_NAME_TABLE(capability_kind)
IR_DECLARE_NAME_TABLE(scalar)

/* ---------------------------------------------------------------- meta */

/* OwnerShipMeta plus the kind-specific extras (reference 1.1, 7.1). */
typedef struct ir_meta {
    ir_text key;
    ir_text version;            /* normalised: a bare integer N becomes "N.0.0" */
    ir_text title;
    ir_text description;
    ir_text domain;
    ir_text goal;               /* operations */
    ir_text context;            /* operations */
    ir_stability_field stability;
    ir_category_field category;   /* integrations */
    ir_text_list owners;
    ir_text_list tags;
    ir_text_list doc_ids;
    const char *canonical_id;   /* "KEY.vVERSION", set by lowering when both exist */
    src_loc loc;                /* the meta mapping */
    /* False when the document has no `meta` mapping at all (the checker
     * then reports that once, not each missing field).  The flat
     * integration form keeps its meta fields at the top: present. */
    bool present;
    bool invalid;               /* written, but not as a mapping (lowering reported it) */
} ir_meta;

/* A {key, version} reference (capabilities, policies, events). */
typedef struct ir_ref {
    ir_text key;
    ir_text version;            /* may be absent where the format allows */
    src_loc loc;
} ir_ref;

/* ---------------------------------------------------------------- types */

struct ir_model;
struct ir_enum;
struct ir_schema;

typedef enum ir_type_kind {
    IR_TYPE_UNRESOLVED = 0,     /* lowering sets names; check_references resolves */
    IR_TYPE_SCALAR,
    IR_TYPE_ENUM,
    IR_TYPE_MODEL
} ir_type_kind;

/* A reference to a type by name: a scalar, an enum or a model. */
typedef struct ir_type_ref {
    ir_text name;               /* NULL text: no type (for example io.input: null) */
    ir_type_kind kind;
    ir_scalar scalar;           /* IR_TYPE_SCALAR */
    struct ir_enum *enum_def;   /* IR_TYPE_ENUM */
    struct ir_model *model;     /* IR_TYPE_MODEL */
} ir_type_ref;

/* JSON Schema subset (spec-format.md), for configSchema/secretSchema and
 * for models given as a schema.  Every keyword keeps its location. */
typedef enum ir_schema_type {
    IR_SCHEMA_ANY = 0,          /* no `type` */
    IR_SCHEMA_OBJECT,
    IR_SCHEMA_STRING,
    IR_SCHEMA_INTEGER,
    IR_SCHEMA_NUMBER,
    IR_SCHEMA_BOOLEAN,
    IR_SCHEMA_ARRAY,
    IR_SCHEMA_NULL,
    IR_SCHEMA_UNKNOWN           /* a `type` spelling outside the subset */
} ir_schema_type;

/* "object" -> IR_SCHEMA_OBJECT ...; NULL -> IR_SCHEMA_ANY; another
 * spelling -> IR_SCHEMA_UNKNOWN.  And back (NULL for ANY/UNKNOWN). */
ir_schema_type ir_schema_type_parse(const char *text);
const char *ir_schema_type_name(ir_schema_type type);

typedef struct ir_schema_type_field {
    ir_schema_type value;
    ir_text text;
} ir_schema_type_field;

typedef struct ir_schema_property {
    ir_text name;
    struct ir_schema *schema;
} ir_schema_property;

typedef struct ir_schema {
    src_loc loc;
    ir_schema_type_field type;
    ir_text description;
    ir_text format;             /* email, uri, date, date-time, uuid */
    ir_text pattern;            /* POSIX extended regular expression */
    ir_schema_property *properties;
    size_t property_count;
    ir_text_list required;
    ir_value *enum_values;      /* an IR_VALUE_ARRAY, or NULL */
    ir_value *const_value;
    ir_value *default_value;
    ir_opt_int min_length, max_length, min_items, max_items;
    ir_opt_number minimum, maximum, exclusive_minimum, exclusive_maximum;
    struct ir_schema *items;
    /* additionalProperties: absent, a boolean, or a schema */
    ir_opt_bool additional_properties_allowed;
    struct ir_schema *additional_properties;
    ir_type_ref ref;            /* $ref by name ("Name" or "#/definitions/Name") */
} ir_schema;

/* configSchema / secretSchema: a schema plus an example. */
typedef struct ir_schema_block {
    bool present;
    src_loc loc;
    ir_schema *schema;
    ir_value *example;
} ir_schema_block;

/* ---------------------------------------------------------------- models, enums */

typedef struct ir_field {
    ir_text name;
    ir_type_ref type;
    bool is_optional;
    bool is_array;
    ir_value *default_value;    /* NULL when none */
    ir_text description;
    /* For models given as a JSON Schema: the property's schema, whose
     * constraints (lengths, bounds, pattern, format, enum) apply on top of
     * the field's type.  NULL for models given with `fields`. */
    const ir_schema *constraints;
    src_loc loc;                /* the field's key */
} ir_field;

typedef struct ir_model {
    ir_text name;
    ir_text description;
    ir_field *fields;           /* struct order */
    size_t field_count;
    ir_schema *schema;          /* the schema it was given as, or NULL */
    /* Models lowering synthesises for inline object schemas (nested
     * properties of a schema model) are marked, and named
     * <Parent>_<property>. */
    bool synthesized;
    src_loc loc;                /* the document */
} ir_model;

typedef struct ir_enum {
    ir_text name;
    ir_text description;
    ir_text_list values;
    src_loc loc;
} ir_enum;

/* ---------------------------------------------------------------- integrations */

typedef struct ir_transport {
    ir_transport_type_field type;
    src_loc loc;
    /* rest */
    ir_text base_url;
    ir_pair_list default_headers;
    ir_text api_version_header;
    struct { bool present; ir_text remaining, reset, limit; src_loc loc; } rate_limit_headers;
    ir_text_list accept_content_types;
    /* mcp */
    ir_text mcp_transport;      /* stdio | http | sse */
    ir_text url;
    ir_text command;
    ir_text_list args;
    ir_text tool_prefix;
    /* webhook */
    struct {
        bool present;
        ir_text signature_header;
        ir_text signing_algorithm;  /* hmac-sha256 | hmac-sha1 | ed25519 */
        ir_opt_bool registration_supported;
        src_loc loc;
    } inbound;
    struct {
        bool present;
        ir_opt_int delivery_retries;
        ir_opt_int timeout_ms;
        src_loc loc;
    } outbound;
    /* sdk */
    ir_text package_name;
    ir_text min_version;
    ir_text runtime;            /* node | browser | universal */
    /* Added by the flat-form normaliser for `webhooks.supported: true`
     * (not written by the author, so it carries no signingAlgorithm). */
    bool synthesized;
} ir_transport;

typedef struct ir_auth_method {
    ir_auth_type_field type;
    src_loc loc;
    ir_text header_name;        /* api-key, header */
    ir_text query_param;        /* api-key */
    ir_text prefix;             /* api-key */
    ir_text grant_type;         /* oauth2 */
    ir_text token_url;          /* oauth2 */
    ir_text_list scopes;        /* oauth2 */
    ir_text authorization_url;  /* oauth2 */
    ir_opt_bool pkce;           /* oauth2 */
    ir_text revocation_url;     /* oauth2 */
    ir_text token_field;        /* bearer */
    ir_text value_prefix;       /* header */
    ir_text username_field;     /* basic */
    ir_text password_field;     /* basic */
    ir_text algorithm;          /* webhook-signing */
    ir_text signature_header;   /* webhook-signing */
    ir_text timestamp_header;   /* webhook-signing */
    ir_opt_int tolerance_ms;    /* webhook-signing */
    ir_text credential_format;  /* service-account: json-key | pem | p12 */
    ir_text credential_field;   /* service-account */
} ir_auth_method;

typedef struct ir_api_version {
    ir_text version;
    ir_version_status_field status;
    ir_text sunset_date;
    ir_text migration_guide;
    ir_text released_at;
    src_loc loc;
} ir_api_version;

typedef struct ir_version_policy {
    bool present;
    src_loc loc;
    ir_text current_version;
    ir_api_version *supported_versions;
    size_t supported_version_count;
    ir_text version_header;
    ir_text version_query_param;
    ir_opt_bool version_in_path;
} ir_version_policy;

typedef struct ir_capability_provided {
    ir_text key;
    ir_text version;
    ir_text operation;          /* flat form's providesCapabilities[].operation */
    ir_text description;        /* flat form */
    src_loc loc;
} ir_capability_provided;

typedef struct ir_capability_required {
    ir_text key;
    ir_text version;
    ir_capability_kind_field kind;
    ir_opt_bool optional;
    ir_text reason;
    src_loc loc;
} ir_capability_required;

typedef struct ir_integration {
    ir_meta meta;
    src_loc loc;                            /* the document */
    bool from_flat_form;                    /* normalised from the docs' flat form */
    struct { ir_ownership_mode_field *items; size_t count; src_loc loc; } supported_modes;
    ir_transport *transports;
    size_t transport_count;
    ir_transport_type_field preferred_transport;
    ir_auth_method *auth_methods;
    size_t auth_method_count;
    ir_version_policy version_policy;
    struct {
        bool present;
        src_loc loc;
        ir_capability_provided *provides;
        size_t provides_count;
        ir_capability_required *requires;
        size_t requires_count;
        ir_text requirements_min_version;   /* flat form's requirements.minVersion */
    } capabilities;
    ir_schema_block config_schema;
    ir_schema_block secret_schema;
    struct {
        bool present;
        src_loc loc;
        ir_opt_bool supported;
        ir_text_list events;
        ir_text signature_header;
    } webhooks;
    struct {
        bool present;
        src_loc loc;
        ir_health_method_field method;
        ir_opt_int timeout_ms;
    } health_check;
    ir_text docs_url;
    ir_text setup_guide_url;
    ir_text created_at;                     /* flat form */
    ir_text updated_at;                     /* flat form */
    struct {
        bool present;
        src_loc loc;
        ir_opt_int rpm;
        ir_opt_int rph;
        ir_member *quotas;                  /* name -> number value */
        size_t quota_count;
    } constraints;
    struct {
        bool present;
        src_loc loc;
        ir_text setup_instructions;
        ir_text_list required_scopes;
        ir_text validation_endpoint;
        ir_opt_bool key_rotation_supported;
        ir_opt_bool quota_tracking_supported;
        ir_text_list provisioning_steps;
    } byok_setup;
} ir_integration;

/* ---------------------------------------------------------------- operations, events */

typedef enum ir_operation_kind {
    IR_OPERATION_COMMAND,
    IR_OPERATION_QUERY
} ir_operation_kind;

typedef struct ir_operation_error {
    ir_text code;               /* the map key */
    ir_text description;
    ir_opt_int http;
    ir_opt_int status;
    ir_text gql_code;
    ir_text when;
    ir_text title;
    ir_text category;
    ir_text severity;
    ir_opt_bool retryable;
    src_loc loc;
} ir_operation_error;

struct ir_event;

typedef struct ir_emit {
    bool is_ref;                /* written as {ref: {key, version}} */
    ir_text key;
    ir_text version;
    ir_text when;
    ir_type_ref payload;        /* inline form only */
    struct ir_event *event;     /* resolved by the checker, NULL if none matches */
    src_loc loc;
} ir_emit;

typedef struct ir_scenario {
    ir_text key;
    ir_text_list given;
    ir_text_list when;
    ir_text_list then;
    src_loc loc;
} ir_scenario;

typedef struct ir_example {
    ir_text key;
    ir_value *input;            /* NULL when absent */
    ir_value *output;
    src_loc loc;
} ir_example;

typedef struct ir_operation {
    ir_operation_kind kind;
    ir_meta meta;
    src_loc loc;                            /* the document */
    struct {
        src_loc loc;
        ir_type_ref input;                  /* name NULL: no input */
        ir_type_ref output;                 /* name NULL: no output (written `output: null`) */
        ir_operation_error *errors;
        size_t error_count;
        bool output_null;                   /* `output: null` written explicitly */
    } io;
    struct {
        bool present;
        src_loc loc;
        ir_policy_auth_field auth;
        bool idempotent;                    /* forced: queries true, commands false */
        ir_ref *policies;
        size_t policy_count;
    } policy;
    struct {
        ir_emit *emits;
        size_t emit_count;
        ir_text_list analytics;
        ir_text_list audit;
    } side_effects;
    struct {
        ir_scenario *scenarios;
        size_t scenario_count;
        ir_example *examples;
        size_t example_count;
    } acceptance;
    ir_ref capability;                      /* key NULL when absent */
    struct {
        ir_text rest_method;                /* GET | POST */
        ir_text rest_path;
        ir_text gql_field;
        ir_text mcp_tool_name;
    } transport;
} ir_operation;

typedef struct ir_event {
    ir_meta meta;
    src_loc loc;
    ir_type_ref payload;
    ir_text_list pii;
    ir_ref capability;
} ir_event;

/* ---------------------------------------------------------------- program */

typedef struct ir_program ir_program;

struct ir_program {
    ir_integration **integrations;
    size_t integration_count;
    ir_operation **operations;      /* commands and queries */
    size_t operation_count;
    ir_event **events;
    size_t event_count;
    ir_model **models;
    size_t model_count;
    ir_enum **enums;
    size_t enum_count;
    size_t file_count;              /* spec files read */
    struct ir_program_private *priv;   /* allocator and indexes (ir.c) */
};

ir_program *ir_program_new(void);
void ir_program_free(ir_program *program);

/* Allocation inside the program (zeroed; freed with the program).  Running
 * out of memory is not an input problem a diagnostic could describe: these
 * print "contractc: out of memory" and abort, so they never return NULL. */
void *ir_alloc(ir_program *program, size_t size);
const char *ir_strdup(ir_program *program, const char *text);
const char *ir_strndup(ir_program *program, const char *text, size_t len);
const char *ir_printf(ir_program *program, const char *fmt, ...) DIAG_PRINTF(2, 3);

/* Appending top-level entities (lowering). */
ir_integration *ir_add_integration(ir_program *program);
ir_operation *ir_add_operation(ir_program *program);
ir_event *ir_add_event(ir_program *program);
ir_model *ir_add_model(ir_program *program);
ir_enum *ir_add_enum(ir_program *program);

/* Lookups, valid after ir_program_index() (the checker calls it once
 * lowering is done).  NULL when absent.  Lookup by identity is exact.
 * When two entities share an identity the first (in load order) is
 * indexed; ir_program_index_report() also tells the caller about every
 * later one.  Models and enums are indexed by name, the other kinds by
 * meta.canonical_id ("KEY.vVERSION"); commands and queries share one
 * index, as they share ContractSpec's OperationSpecRegistry. */
typedef enum ir_entity_kind {
    IR_ENTITY_INTEGRATION,
    IR_ENTITY_OPERATION,
    IR_ENTITY_EVENT,
    IR_ENTITY_MODEL,
    IR_ENTITY_ENUM
} ir_entity_kind;

typedef void (*ir_duplicate_fn)(void *user, ir_entity_kind kind, const void *first,
                                const void *second);

void ir_program_index(ir_program *program);
void ir_program_index_report(ir_program *program, ir_duplicate_fn report, void *user);
ir_model *ir_find_model(const ir_program *program, const char *name);
ir_enum *ir_find_enum(const ir_program *program, const char *name);
ir_event *ir_find_event(const ir_program *program, const char *key, const char *version);
ir_integration *ir_find_integration(const ir_program *program, const char *key, const char *version);
ir_operation *ir_find_operation(const ir_program *program, const char *key, const char *version);

/* "KEY.vVERSION", allocated in the program. */
const char *ir_canonical_id(ir_program *program, const char *key, const char *version);

#endif
