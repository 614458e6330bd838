import Foundation
import RecCore

/// Makes OpenBLAS use the kernels the CPU can run when its own detection falls short.
///
/// OpenBLAS picks its kernels once, when the library loads, from the CPU model number; a model it
/// does not know (a newer server CPU, or the generic model a virtual machine reports) gets the
/// 2004 "Prescott" SSE3 kernels, about 4× slower in sgemm/dgemm than the AVX-512 ones the same
/// CPU runs (measured: 22 vs 90 GFLOP/s, one thread, 512³). The only way to change the choice is
/// the `OPENBLAS_CORETYPE` environment variable at load time, so a misdetected run restarts its
/// own executable once with the variable set from the CPU's feature flags (`/proc/cpuinfo`).
/// Nothing happens when the variable is already set (the user's choice wins), when OpenBLAS
/// chose anything but Prescott, off Linux, or when the flags promise nothing better.
public enum BLASCoreSelection {
    /// The core type the CPU's flags allow, best first; nil when no better than Prescott.
    static func coreType(flags: Set<Substring>) -> String? {
        if ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        if flags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// Restarts the process with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to Prescott
    /// kernels on a CPU that has AVX; returns (does nothing) otherwise or if the restart fails.
    public static func restartIfMisdetected() {
        #if os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, BLAS.coreName.lowercased() == "prescott",
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let core = coreType(flags: Set(line.split(separator: " ")))
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")  // exec failed: go on with the kernels loaded
        #endif
    }
}
