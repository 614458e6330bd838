#ifndef REC_ALS_KERNELS_H
#define REC_ALS_KERNELS_H

/// Implicit-ALS kernels (RecCore's `ImplicitALS`), same build rules as rec_kernels.h: IEEE
/// operations in an order fixed by the source (16-lane blocks, fixed reduction trees), so every
/// clone gives bit-identical results.

/// `steps` conjugate-gradient iterations on (gram + Gᵀ diag(w) G) x = Gᵀ c, warm-started from x
/// (updated in place), as RecCore's `RowScratch.solveCGBLAS`: A·v = gram·v + Gᵀ(w ∘ (G v)).
/// rows: G, n × f gathered fixed-side rows (row-major); confidence c and weight w = c − 1: n each;
/// gram: f × f, both triangles. f must be a multiple of 16, at most 128. Stops early when ‖r‖² <
/// 1e-20. O(steps · (n·f + f²)), one pass over G per step.
void rec_als_cg_row(float *x, const float *rows, const float *confidence, const float *weight, int n, int f, const float *gram,
                    int steps);

#endif
