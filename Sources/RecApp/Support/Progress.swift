import Foundation

/// Progress lines on standard error: a live line (rewritten with `\r`) when standard error is a
/// terminal, and nothing at all with `--quiet`. Step summaries print on their own lines.
public final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let live: Bool
    private let lock = NSLock()
    private var lastDraw = 0.0
    private let recording: Bool
    private var recordedSteps: [String] = []

    /// - Parameters:
    ///   - quiet: silence everything.
    ///   - recording: keep every step's message (`recorded`), quiet or not.
    public init(quiet: Bool, recording: Bool = false) {
        enabled = !quiet
        live = !quiet && isatty(STDERR_FILENO) != 0
        self.recording = recording
    }

    /// The steps so far, when recording.
    public var recorded: [String] { lock.withLock { recordedSteps } }

    /// A finished step, e.g. "loaded ml-100k: 943 users …".
    public func step(_ message: String) {
        if recording { lock.withLock { recordedSteps.append(message) } }
        guard enabled else { return }
        lock.withLock {
            if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            FileHandle.standardError.write(Data("reclens: \(message)\n".utf8))
        }
    }

    /// Live progress of a long step (only on a terminal, at most 10 redraws per second).
    public func update(_ label: String, done: Int, total: Int) {
        guard live else { return }
        lock.withLock {
            let now = Date().timeIntervalSinceReferenceDate
            guard done == total || now - lastDraw > 0.1 else { return }
            lastDraw = now
            let percent = total > 0 ? done * 100 / total : 100
            FileHandle.standardError.write(Data("\r\u{1B}[K\(label) \(done)/\(total) (\(percent) %)".utf8))
        }
    }
}
