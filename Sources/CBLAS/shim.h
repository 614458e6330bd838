#ifndef RECLENS_CBLAS_SHIM_H
#define RECLENS_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>

/// Sets the number of OpenBLAS threads (1 inside loops that RecLens parallelises itself).
static inline void reclens_blas_set_threads(int n) { openblas_set_num_threads(n); }
static inline int reclens_blas_get_threads(void) { return openblas_get_num_threads(); }
#endif
