import Foundation

/// A value computed on first use and then shared, safe to read from several threads (a lock
/// guards the one computation). Lets value types such as history scorers defer work that only
/// some callers need.
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// The value, computed by the first caller.
    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
