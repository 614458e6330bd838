import Dispatch

/// A buffer that chunks of a parallel loop write into, each chunk to its own slots.
/// `@unchecked Sendable` because the indices written by different chunks never overlap.
private struct DisjointWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element?>
}

extension Array where Element: Sendable {
    /// Maps every element with `transform`, running chunks of `chunkSize` elements in parallel
    /// with `DispatchQueue.concurrentPerform`. The result keeps the order of `self`.
    func concurrentMap<T>(chunkSize: Int = 8, _ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let size = Swift.max(1, chunkSize)
        let chunks = (count + size - 1) / size
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deinitialize(); buffer.deallocate() }
        let slots = DisjointWrites(buffer: buffer)
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * size
                for index in start..<Swift.min(start + size, input.count) {
                    slots.buffer[index] = transform(input[index])
                }
            }
        }
        return buffer.map { $0! }
    }
}
