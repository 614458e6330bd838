import Foundation

/// Runs `binary` with `arguments` as a child process (standard output discarded) and calls
/// `onLine` with each line of its standard error as it arrives, the seconds since the start and
/// the child's pid (for `/proc` readings while it runs). Returns the exit status and wall seconds.
func runChild(_ binary: URL, _ arguments: [String], onLine: (_ line: String, _ elapsed: Double, _ pid: Int32) -> Void) throws -> (status: Int32, wall: Double) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    try process.run()
    let pid = process.processIdentifier
    var pending = Data()
    while true {
        let chunk = pipe.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        pending.append(chunk)
        while let newline = pending.firstIndex(of: 10) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
            pending.removeSubrange(pending.startIndex...newline)
            onLine(line, elapsed(), pid)
        }
    }
    process.waitUntilExit()
    return (process.terminationStatus, elapsed())
}

/// The peak resident set (VmHWM, bytes) of a running process, from /proc.
func peakResidentBytes(pid: Int32) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
    return nil
}
