import Foundation

/// A lock-protected counter that concurrent workers add to (progress reporting).
public final class ConcurrentCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    public init() {}

    /// Adds `n` and returns the new total.
    public func add(_ n: Int) -> Int { lock.withLock { value += n; return value } }
}
