// Thin C layer over GLPK for Nuanqi's Solvers module.
//
// GLPK reports a fatal error (API misuse, corrupt data) by calling the hook installed with
// glp_error_hook and aborting the process if that hook returns. Swift cannot longjmp, so the
// guarded entry points below set a jump buffer here in C, run one GLPK call, and turn a fatal
// error into a return code. After a fatal error GLPK's environment of this thread is unusable:
// the guard frees it (glp_free_env), which also frees every problem object of this thread, and
// reports NUANQI_GLPK_FATAL so the Swift owner forgets its pointer instead of deleting it.
#ifndef NUANQI_CGLPK_SHIM_H
#define NUANQI_CGLPK_SHIM_H

#include <glpk.h>
#include <setjmp.h>

#define NUANQI_GLPK_FATAL (-1000)

static void nuanqi_glpk_error_hook(void *info) {
    longjmp(*(jmp_buf *)info, 1);
}

// One guarded call: `call` is evaluated with the hook installed; a fatal error lands in the
// setjmp branch. The hook is removed again before returning either way.
#define NUANQI_GUARDED(call)                                   \
    do {                                                       \
        jmp_buf nuanqi_jump;                                   \
        if (setjmp(nuanqi_jump)) {                             \
            glp_error_hook(NULL, NULL);                        \
            glp_free_env();                                    \
            return NUANQI_GLPK_FATAL;                          \
        }                                                      \
        glp_error_hook(nuanqi_glpk_error_hook, &nuanqi_jump);  \
        int nuanqi_result = (call);                            \
        glp_error_hook(NULL, NULL);                            \
        return nuanqi_result;                                  \
    } while (0)

static inline int nuanqi_load_matrix(glp_prob *problem, int count, const int *rows,
                                     const int *columns, const double *values) {
    NUANQI_GUARDED((glp_load_matrix(problem, count, rows, columns, values), 0));
}

static inline int nuanqi_simplex(glp_prob *problem, const glp_smcp *parameters) {
    NUANQI_GUARDED(glp_simplex(problem, parameters));
}

static inline int nuanqi_intopt(glp_prob *problem, const glp_iocp *parameters) {
    NUANQI_GUARDED(glp_intopt(problem, parameters));
}

static inline int nuanqi_write_lp(glp_prob *problem, const char *path) {
    NUANQI_GUARDED(glp_write_lp(problem, NULL, path));
}

static inline int nuanqi_write_mps(glp_prob *problem, const char *path) {
    NUANQI_GUARDED(glp_write_mps(problem, GLP_MPS_FILE, NULL, path));
}

// Deliberately misuses the API (row index 0) so tests can prove a fatal error is survived.
static inline int nuanqi_trigger_fatal_error(void) {
    glp_prob *problem = glp_create_prob();
    NUANQI_GUARDED((glp_set_row_name(problem, 0, "x"), 0));
}

#endif
