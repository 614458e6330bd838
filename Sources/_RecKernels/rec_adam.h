// Shared by the kernels' .c files (not part of the module's public headers).
#pragma once

/// One Adam step on `count` parameters, as RecCore's `OptimizerState.applyRows`:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g·g, θ ← θ − step·m / (√v + ε), then g ← 0.
static inline __attribute__((always_inline)) void rec_adam(float *restrict theta, float *restrict gradient, float *restrict first,
                                                           float *restrict second, int count, float step, float beta1, float beta2,
                                                           float epsilon) {
    for (int k = 0; k < count; k++) {
        float g = gradient[k];
        first[k] = beta1 * first[k] + (1.0f - beta1) * g;
        second[k] = beta2 * second[k] + (1.0f - beta2) * g * g;
        theta[k] -= step * first[k] / (__builtin_sqrtf(second[k]) + epsilon);
        gradient[k] = 0.0f;
    }
}
