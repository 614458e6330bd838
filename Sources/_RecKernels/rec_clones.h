// Shared by the kernels' .c files (not part of the module's public headers).
#pragma once

/// A kernel compiled for AVX-512, AVX2 and the baseline, the best chosen at load time (Linux, clang).
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define REC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define REC_CLONES
#endif
