// The defaults of AddressSanitizer and UBSan in a sanitizer build (INFRAC_SANITIZE): a
// report aborts the process. Their own default is to exit with status 1, which is also
// infrac's status for "the input has errors", so a test that accepts 1 for bad input
// (tests/robustness, the e2e checks of failing builds) would take a memory error or
// undefined behaviour for a diagnostic. Leaks are reported at exit, with the same effect.
// ASAN_OPTIONS and UBSAN_OPTIONS in the environment still override these.
//
// CMake compiles this file into every program that links infrac_core, and only in a
// sanitizer build (compiler/CMakeLists.txt).

extern "C" const char* __asan_default_options() { return "abort_on_error=1:detect_leaks=1"; }
extern "C" const char* __ubsan_default_options() { return "abort_on_error=1:print_stacktrace=1"; }
