/* diag: formatting, sorting with notes, --werror, counts and summary. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "loader_test_util.h"
#include "loader_tests.h"

static void check_text(diag_set *set, const char *expected)
{
    char *text = diag_text(set);
    CU_ASSERT_STRING_EQUAL(text, expected);
    if (strcmp(text, expected) != 0)
        fprintf(stderr, "\n--- got:\n%s\n--- expected:\n%s\n", text, expected);
    free(text);
}

static void test_format_locations(void)
{
    diag_set *set = diag_set_new();
    diag_error(set, (src_loc){"a.yaml", 3, 7}, "bad %s", "value");
    diag_warning(set, (src_loc){"b.yaml", 4, 0}, "line only");
    diag_error(set, (src_loc){"c.yaml", 0, 0}, "whole file");
    diag_error(set, (src_loc){NULL, 0, 0}, "no file");
    check_text(set, "contractc: error: no file\n"
                    "a.yaml:3:7: error: bad value\n"
                    "b.yaml:4: warning: line only\n"
                    "c.yaml: error: whole file");
    char small[8];
    int len = diag_format(set, diag_at(set, 1), small, sizeof(small));
    CU_ASSERT_EQUAL(len, (int)strlen("a.yaml:3:7: error: bad value"));
    CU_ASSERT_STRING_EQUAL(small, "a.yaml:");
    diag_set_free(set);
}

static void test_sort_keeps_notes_after_parent(void)
{
    diag_set *set = diag_set_new();
    diag_error(set, (src_loc){"b.yaml", 9, 1}, "duplicate key 'x'");
    diag_note(set, (src_loc){"b.yaml", 2, 1}, "first defined here");
    diag_warning(set, (src_loc){"b.yaml", 5, 3}, "unknown field");
    diag_error(set, (src_loc){"a.yaml", 7, 2}, "duplicate model 'M'");
    diag_note(set, (src_loc){"z.yaml", 1, 1}, "first defined here");
    diag_note(set, (src_loc){"a.yaml", 1, 1}, "second note");
    diag_error(set, (src_loc){"b.yaml", 5, 3}, "same place, added later");
    check_text(set, "a.yaml:7:2: error: duplicate model 'M'\n"
                    "z.yaml:1:1: note: first defined here\n"
                    "a.yaml:1:1: note: second note\n"
                    "b.yaml:5:3: warning: unknown field\n"
                    "b.yaml:5:3: error: same place, added later\n"
                    "b.yaml:9:1: error: duplicate key 'x'\n"
                    "b.yaml:2:1: note: first defined here");
    /* Parents are renumbered with the sort. */
    const diag *note = diag_at(set, 1);
    CU_ASSERT_EQUAL(note->severity, DIAG_NOTE);
    CU_ASSERT_EQUAL(note->parent, 0);
    CU_ASSERT_EQUAL(diag_at(set, 6)->parent, 5);
    /* A note added after sorting still attaches to the last parent added. */
    diag_note(set, (src_loc){"c.yaml", 1, 1}, "late note");
    CU_ASSERT_EQUAL(diag_at(set, 7)->parent, 4);
    diag_set_free(set);
}

static void test_note_without_parent_stands_alone(void)
{
    diag_set *set = diag_set_new();
    diag_note(set, (src_loc){"b.yaml", 1, 1}, "orphan");
    diag_error(set, (src_loc){"a.yaml", 1, 1}, "error");
    check_text(set, "a.yaml:1:1: error: error\nb.yaml:1:1: note: orphan");
    CU_ASSERT_EQUAL(diag_error_count(set), 1);
    CU_ASSERT_EQUAL(diag_warning_count(set), 0);
    diag_set_free(set);
}

static void test_werror_promotes_warnings(void)
{
    diag_set *set = diag_set_new();
    diag_warning(set, (src_loc){"a.yaml", 2, 3}, "unknown field 'descripton'");
    diag_note(set, (src_loc){"a.yaml", 2, 3}, "did you mean 'description'?");
    CU_ASSERT_FALSE(diag_has_errors(set));
    CU_ASSERT_EQUAL(diag_warning_count(set), 1);
    diag_set_werror(set, true);
    CU_ASSERT_TRUE(diag_has_errors(set));
    CU_ASSERT_EQUAL(diag_error_count(set), 1);
    CU_ASSERT_EQUAL(diag_warning_count(set), 0);
    check_text(set, "a.yaml:2:3: error: unknown field 'descripton'\n"
                    "a.yaml:2:3: note: did you mean 'description'?");
    diag_set_free(set);
}

static void test_summary_counts(void)
{
    diag_set *set = diag_set_new();
    char line[128];
    diag_format_summary(set, 1, line, sizeof(line));
    CU_ASSERT_STRING_EQUAL(line, "0 errors, 0 warnings in 1 file");
    diag_error(set, (src_loc){"a.yaml", 1, 1}, "e1");
    diag_note(set, (src_loc){"a.yaml", 1, 1}, "notes are not counted");
    diag_warning(set, (src_loc){"a.yaml", 2, 1}, "w1");
    diag_warning(set, (src_loc){"a.yaml", 3, 1}, "w2");
    diag_format_summary(set, 3, line, sizeof(line));
    CU_ASSERT_STRING_EQUAL(line, "1 error, 2 warnings in 3 files");
    CU_ASSERT_EQUAL(diag_count(set), 4);
    diag_set_werror(set, true);
    diag_format_summary(set, 3, line, sizeof(line));
    CU_ASSERT_STRING_EQUAL(line, "3 errors, 0 warnings in 3 files");
    diag_set_free(set);
}

static void test_print_long_message(void)
{
    diag_set *set = diag_set_new();
    char message[2001];
    memset(message, 'm', sizeof(message) - 1);
    message[sizeof(message) - 1] = '\0';
    diag_error(set, (src_loc){"a.yaml", 1, 2}, "%s", message);
    FILE *out = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    diag_print(set, out);
    diag_print_summary(set, 1, out);
    long size = ftell(out);
    /* "a.yaml:1:2: error: " + message + "\n" + summary line */
    CU_ASSERT_EQUAL(size, (long)(19 + 2000 + 1 + strlen("1 error, 0 warnings in 1 file\n")));
    rewind(out);
    char head[20] = {0};
    CU_ASSERT_EQUAL(fread(head, 1, 19, out), 19);
    CU_ASSERT_STRING_EQUAL(head, "a.yaml:1:2: error: ");
    fclose(out);
    diag_set_free(set);
}

static void test_file_names_interned(void)
{
    diag_set *set = diag_set_new();
    char name[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(name, sizeof(name), "specs/f%04d.yaml", i);
        diag_warning(set, (src_loc){name, 1, 1}, "w");
    }
    snprintf(name, sizeof(name), "specs/f%04d.yaml", 1234);
    diag_error(set, (src_loc){name, 2, 1}, "again");
    CU_ASSERT_EQUAL(diag_count(set), 3001);
    /* One copy per name, owned by the set, not the caller's buffer. */
    CU_ASSERT_PTR_EQUAL(diag_at(set, 3000)->loc.file, diag_at(set, 1234)->loc.file);
    CU_ASSERT_PTR_NOT_EQUAL(diag_at(set, 3000)->loc.file, name);
    CU_ASSERT_STRING_EQUAL(diag_at(set, 2999)->loc.file, "specs/f2999.yaml");
    diag_sort(set);
    CU_ASSERT_STRING_EQUAL(diag_at(set, 0)->loc.file, "specs/f0000.yaml");
    CU_ASSERT_STRING_EQUAL(diag_at(set, 1235)->message, "again");
    diag_set_free(set);
}

static void test_free_null_is_noop(void)
{
    diag_set_free(NULL);
    load_set_free(NULL);
    diag_set *set = diag_set_new();
    CU_ASSERT_PTR_NULL(diag_at(set, 0));
    CU_ASSERT_EQUAL(diag_count(set), 0);
    diag_sort(set);
    diag_set_free(set);
}

void add_diag_suite(void)
{
    CU_pSuite suite = CU_add_suite("diag", NULL, NULL);
    CU_add_test(suite, "format_locations", test_format_locations);
    CU_add_test(suite, "sort_keeps_notes_after_parent", test_sort_keeps_notes_after_parent);
    CU_add_test(suite, "note_without_parent_stands_alone", test_note_without_parent_stands_alone);
    CU_add_test(suite, "werror_promotes_warnings", test_werror_promotes_warnings);
    CU_add_test(suite, "summary_counts", test_summary_counts);
    CU_add_test(suite, "print_long_message", test_print_long_message);
    CU_add_test(suite, "file_names_interned", test_file_names_interned);
    CU_add_test(suite, "free_null_is_noop", test_free_null_is_noop);
}
