/* loader: hostile input.  Each case asserts the exact diagnostics. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "loader_test_util.h"
#include "loader_tests.h"

static void test_syntax_error_with_context(void)
{
    loaded l = load_text("syn.yaml", "a: [1, 2\nb: 3\n");
    ASSERT_DIAGS(l, "syn.yaml:2:2: error: did not find expected ',' or ']'\n"
                    "syn.yaml:1:4: note: while parsing a flow sequence");
    CU_ASSERT_TRUE(l.ok);
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 0);
    loaded_free(&l);
}

static void test_syntax_error_keeps_earlier_documents(void)
{
    loaded l = load_text("two.yaml", "kind: enum\n---\nkey: 'unterminated\n");
    ASSERT_DIAGS(l, "two.yaml:4:1: error: found unexpected end of stream\n"
                    "two.yaml:3:6: note: while scanning a quoted scalar");
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 1);
    loaded_free(&l);
}

/* Found by fuzz_frontend: at the end of a stream without a final line
 * break libyaml puts its mark on a line of its own, so "{" was reported at
 * 2:1 of a one-line file.  The end of the last line is named instead; with
 * a final line break the empty line after it is where the input ends. */
static void test_error_at_end_without_final_newline(void)
{
    loaded l = load_text("brace.json", "{");
    ASSERT_DIAGS(l, "brace.json:1:2: error: did not find expected node content");
    loaded_free(&l);
    l = load_text("cut.yaml", "kind: enum\nkey: 'unterminated");
    ASSERT_DIAGS(l, "cut.yaml:2:19: error: found unexpected end of stream\n"
                    "cut.yaml:2:6: note: while scanning a quoted scalar");
    loaded_free(&l);
    l = load_text("crlf.yaml", "a: [1\r\n");
    ASSERT_DIAGS(l, "crlf.yaml:2:1: error: did not find expected ',' or ']'\n"
                    "crlf.yaml:1:4: note: while parsing a flow sequence");
    loaded_free(&l);
}

static void test_duplicate_keys(void)
{
    loaded l = load_text("dup.yaml", "name: A\n"
                                     "meta:\n"
                                     "  key: x\n"
                                     "  key: y\n"
                                     "name: B\n"
                                     "'name': C\n");
    ASSERT_DIAGS(l, "dup.yaml:4:3: error: duplicate key 'key'\n"
                    "dup.yaml:3:3: note: first defined here\n"
                    "dup.yaml:5:1: error: duplicate key 'name'\n"
                    "dup.yaml:1:1: note: first defined here\n"
                    "dup.yaml:6:1: error: duplicate key 'name'\n"
                    "dup.yaml:1:1: note: first defined here");
    /* The first definition wins; later ones are dropped. */
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->count, 2);
    CU_ASSERT_STRING_EQUAL(cnode_get(root, "name")->text, "A");
    CU_ASSERT_EQUAL(cnode_get(root, "meta")->count, 1);
    loaded_free(&l);
}

static void test_duplicate_keys_in_big_mapping(void)
{
    /* 40 keys: the sorting path, not the pairwise one. */
    char yaml[1024] = "";
    for (int i = 0; i < 40; i++) {
        char line[32];
        snprintf(line, sizeof(line), "k%02d: %d\n", i == 37 ? 3 : i, i);
        strcat(yaml, line);
    }
    strcat(yaml, "k03: again\n");
    loaded l = load_text("big.yaml", yaml);
    ASSERT_DIAGS(l, "big.yaml:38:1: error: duplicate key 'k03'\n"
                    "big.yaml:4:1: note: first defined here\n"
                    "big.yaml:41:1: error: duplicate key 'k03'\n"
                    "big.yaml:4:1: note: first defined here");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->count, 39);
    CU_ASSERT_EQUAL(cnode_get(root, "k03")->int_value, 3);
    CU_ASSERT_STRING_EQUAL(root->pairs[38].key->text, "k39");
    loaded_free(&l);
}

static void test_undefined_and_recursive_alias(void)
{
    loaded l = load_text("alias.yaml", "a: *nowhere\nb: &self [1, *self]\n");
    ASSERT_DIAGS(l, "alias.yaml:1:4: error: undefined alias '*nowhere'\n"
                    "alias.yaml:2:14: error: alias '*self' refers to a node that contains it");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_TRUE(cnode_is_null(cnode_get(root, "a")));
    CU_ASSERT_TRUE(cnode_is_null(cnode_get(root, "b")->items[1]));
    loaded_free(&l);
}

static void test_alias_bomb(void)
{
    /* Nine levels of ten aliases each would expand to 10^9 nodes. */
    char yaml[4096] = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'i'; c++) {
        char line[128];
        char p = (char)(c - 1);
        snprintf(line, sizeof(line), "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                 c, c, p, p, p, p, p, p, p, p, p, p);
        strcat(yaml, line);
    }
    loaded l = load_text("bomb.yaml", yaml);
    ASSERT_DIAGS(l, "bomb.yaml:5:36: error: alias expansion exceeds 100000 nodes");
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 0);
    loaded_free(&l);

    /* The budget counts nested aliases: *a in b reaches 2 nodes, each of
     * the three *b reaches 3 (b, its alias of a expanded): 11 in all. */
    load_limits limits;
    load_limits_default(&limits);
    limits.max_alias_nodes = 11;
    const char *small = "a: &a [x]\nb: &b [*a]\nc: [*b, *b, *b]\n";
    l = load_bytes("small.yaml", small, strlen(small), &limits);
    ASSERT_DIAGS(l, "");
    loaded_free(&l);
    limits.max_alias_nodes = 10;
    l = load_bytes("small.yaml", small, strlen(small), &limits);
    ASSERT_DIAGS(l, "small.yaml:3:13: error: alias expansion exceeds 10 nodes");
    loaded_free(&l);
}

static void test_nesting_limit(void)
{
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 8);
    CU_ASSERT_PTR_NOT_NULL_FATAL(deep);
    memcpy(deep, "a: ", 3);
    memset(deep + 3, '[', depth);
    memset(deep + 3 + depth, ']', depth);
    strcpy(deep + 3 + 2 * depth, "\n");
    loaded l = load_text("deep.yaml", deep);
    ASSERT_DIAGS(l, "deep.yaml:1:67: error: nesting exceeds the limit of 64 levels");
    loaded_free(&l);
    free(deep);

    load_limits limits;
    load_limits_default(&limits);
    limits.max_depth = 3;
    const char *block = "a:\n  b:\n    - ok\n  c:\n    d:\n      - too deep\n";
    l = load_bytes("block.yaml", block, strlen(block), &limits);
    ASSERT_DIAGS(l, "block.yaml:6:7: error: nesting exceeds the limit of 3 levels");
    loaded_free(&l);
    const char *fits = "a:\n  b:\n    - ok\n";
    l = load_bytes("fits.yaml", fits, strlen(fits), &limits);
    ASSERT_DIAGS(l, "");
    loaded_free(&l);
}

static void test_non_utf8(void)
{
    loaded l = load_text("latin1.yaml", "name: ok\ntitle: caf\xE9 au lait\n");
    ASSERT_DIAGS(l, "latin1.yaml:2:11: error: invalid trailing UTF-8 octet 0x20 after 0xE9 "
                    "(the file is not UTF-8 text)");
    loaded_free(&l);
    l = load_text("ff.yaml", "a: \xC3\xA9t\xC3\xA9\nb: x\xFFy\n");
    ASSERT_DIAGS(l, "ff.yaml:2:5: error: invalid leading UTF-8 octet 0xFF (the file is not UTF-8 text)");
    loaded_free(&l);
    l = load_text("cut.yaml", "a: caf\xC3");
    ASSERT_DIAGS(l, "cut.yaml:1:7: error: incomplete UTF-8 octet sequence");
    loaded_free(&l);
    l = load_text("overlong.yaml", "a: \xC0\x80\n");
    ASSERT_DIAGS(l, "overlong.yaml:1:4: error: invalid length of a UTF-8 sequence");
    loaded_free(&l);
    l = load_text("surrogate.yaml", "a: \xED\xA0\x80\n");
    ASSERT_DIAGS(l, "surrogate.yaml:1:4: error: invalid Unicode character (U+D800)");
    loaded_free(&l);
}

static void test_binary_garbage(void)
{
    static const char garbage[] = "\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00";
    loaded l = load_bytes("a.out.yaml", garbage, sizeof(garbage) - 1, NULL);
    ASSERT_DIAGS(l, "a.out.yaml:1:1: error: control characters are not allowed (U+007F)");
    loaded_free(&l);
    char noise[4096];
    unsigned state = 12345;
    for (size_t i = 0; i < sizeof(noise); i++) {
        state = state * 1103515245u + 12345u;
        noise[i] = (char)(state >> 16);
    }
    l = load_bytes("noise.yaml", noise, sizeof(noise), NULL);
    CU_ASSERT_TRUE(diag_has_errors(l.diags));
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 0);
    loaded_free(&l);
}

static void test_empty_inputs(void)
{
    loaded l = load_text("empty.yaml", "");
    ASSERT_DIAGS(l, "empty.yaml: warning: file holds no spec documents");
    CU_ASSERT_TRUE(l.ok);
    CU_ASSERT_FALSE(diag_has_errors(l.diags));
    loaded_free(&l);
    l = load_text("blank.yaml", "# nothing here\n\n---\n...\n---\n~\n");
    ASSERT_DIAGS(l, "blank.yaml: warning: file holds no spec documents");
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 0);
    loaded_free(&l);
}

static void test_tab_indentation(void)
{
    loaded l = load_text("tab.yaml", "meta:\n\tkey: x\n");
    ASSERT_DIAGS(l, "tab.yaml:2:1: error: found a tab character where a token or indentation "
                    "was expected (YAML indents with spaces only)");
    loaded_free(&l);
    /* A tab after a value indicator is only separation: fine. */
    l = load_text("tab2.yaml", "key:\tvalue\n");
    ASSERT_DIAGS(l, "");
    CU_ASSERT_STRING_EQUAL(cnode_get(loaded_root(&l, 0), "key")->text, "value");
    loaded_free(&l);
}

static void test_file_too_large(void)
{
    load_limits limits;
    load_limits_default(&limits);
    limits.max_file_bytes = 8;
    loaded l = load_bytes("huge.yaml", "a: 123456789\n", 13, &limits);
    ASSERT_DIAGS(l, "huge.yaml: error: file is 13 bytes, more than the limit of 8 bytes");
    CU_ASSERT_TRUE(l.ok);
    CU_ASSERT_EQUAL(load_set_file_count(l.set), 1);
    loaded_free(&l);
}

static void test_scalar_problems(void)
{
    loaded l = load_text("scalars.yaml", "big: 123456789012345678901234567890\n"
                                         "neg: -9007199254740993\n"
                                         "ok: '123456789012345678901234567890'\n"
                                         "inf: 1e999\n"
                                         "nul: \"a\\0b\"\n"
                                         "tag: !!int 1.5\n"
                                         "custom: !thing x\n"
                                         "seq: !!map [1]\n");
    ASSERT_DIAGS(l, "scalars.yaml:1:6: error: integer 123456789012345678901234567890 is out of range "
                    "(beyond +-2^53); quote it to keep it as a string\n"
                    "scalars.yaml:2:6: error: integer -9007199254740993 is out of range "
                    "(beyond +-2^53); quote it to keep it as a string\n"
                    "scalars.yaml:4:6: error: number 1e999 is out of the range of a double\n"
                    "scalars.yaml:5:6: error: string holds a NUL character\n"
                    "scalars.yaml:6:6: error: '1.5' is not a valid !!int\n"
                    "scalars.yaml:7:9: error: unsupported tag '!thing'\n"
                    "scalars.yaml:8:6: error: unsupported tag '!!map'");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(cnode_get(root, "big")->scalar_type, CSCALAR_STRING);
    CU_ASSERT_EQUAL(cnode_get(root, "nul")->text_len, 3);
    loaded_free(&l);
}

static void test_merge_and_complex_keys(void)
{
    loaded l = load_text("keys.yaml", "base: &b {x: 1}\n"
                                      "m:\n"
                                      "  <<: *b\n"
                                      "  y: 2\n"
                                      "? [1, 2]\n"
                                      ": pair\n"
                                      "'<<': quoted is a plain key\n");
    ASSERT_DIAGS(l, "keys.yaml:3:3: error: merge keys ('<<') are not supported; write the keys out\n"
                    "keys.yaml:5:3: error: a mapping key must be a scalar, not a sequence");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->count, 3);
    CU_ASSERT_EQUAL(cnode_get(root, "m")->count, 1);
    CU_ASSERT_PTR_NOT_NULL(cnode_get(root, "<<"));
    loaded_free(&l);
}

static void test_long_key_is_cut_in_messages(void)
{
    char yaml[1200];
    char key[501];
    memset(key, 'k', 500);
    key[500] = '\0';
    snprintf(yaml, sizeof(yaml), "%s: 1\n%s: 2\n", key, key);
    loaded l = load_text("long.yaml", yaml);
    char expected[400];
    snprintf(expected, sizeof(expected),
             "long.yaml:2:1: error: duplicate key '%.92s...'\nlong.yaml:1:1: note: first defined here",
             key);
    ASSERT_DIAGS(l, expected);
    loaded_free(&l);
    l = load_text("ctl.yaml", "\"a\\tb\\u0001\": 1\n\"a\\tb\\u0001\": 2\n");
    ASSERT_DIAGS(l, "ctl.yaml:2:1: error: duplicate key 'a\\tb\\x01'\n"
                    "ctl.yaml:1:1: note: first defined here");
    loaded_free(&l);
}

void add_loader_hostile_suite(void)
{
    CU_pSuite suite = CU_add_suite("loader_hostile", NULL, NULL);
    CU_add_test(suite, "syntax_error_with_context", test_syntax_error_with_context);
    CU_add_test(suite, "syntax_error_keeps_earlier_documents", test_syntax_error_keeps_earlier_documents);
    CU_add_test(suite, "error_at_end_without_final_newline", test_error_at_end_without_final_newline);
    CU_add_test(suite, "duplicate_keys", test_duplicate_keys);
    CU_add_test(suite, "duplicate_keys_in_big_mapping", test_duplicate_keys_in_big_mapping);
    CU_add_test(suite, "undefined_and_recursive_alias", test_undefined_and_recursive_alias);
    CU_add_test(suite, "alias_bomb", test_alias_bomb);
    CU_add_test(suite, "nesting_limit", test_nesting_limit);
    CU_add_test(suite, "non_utf8", test_non_utf8);
    CU_add_test(suite, "binary_garbage", test_binary_garbage);
    CU_add_test(suite, "empty_inputs", test_empty_inputs);
    CU_add_test(suite, "tab_indentation", test_tab_indentation);
    CU_add_test(suite, "file_too_large", test_file_too_large);
    CU_add_test(suite, "scalar_problems", test_scalar_problems);
    CU_add_test(suite, "merge_and_complex_keys", test_merge_and_complex_keys);
    CU_add_test(suite, "long_key_is_cut_in_messages", test_long_key_is_cut_in_messages);
}
