import Foundation

/// Wall-clock and process CPU time since a start: the build's step lines say both ("23.0 s,
/// 45.1 s CPU"), so that a reader sees how much work a step is (CPU) beside how long it took
/// (wall) — on 2 cores a step cannot take less than half its CPU time.
struct Stopwatch {
    let wall = Date()
    let cpu = Stopwatch.processCPUSeconds()

    /// User + system CPU seconds of every thread of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    var elapsed: Double { Date().timeIntervalSince(wall) }
    var cpuElapsed: Double { Self.processCPUSeconds() - cpu }

    /// "23.0 s, 45.1 s CPU" (each as `seconds(since:)` writes it).
    var description: String { "\(formatSeconds(elapsed)), \(formatSeconds(cpuElapsed)) CPU" }
}
