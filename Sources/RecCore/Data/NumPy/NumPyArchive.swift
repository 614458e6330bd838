/// A NumPy `.npz` archive: named arrays in a zip file, as written by `np.savez` (stored entries)
/// and `np.savez_compressed` (DEFLATE). Pure: reads from and writes to bytes.
///
/// ```swift
/// let archive = try NumPyArchive(SourceFile(name: "model.npz", bytes: bytes))
/// let factors = archive["item_factors"]  // NumPyArray, shape [items, F]
/// let bytes = NumPyArchive(name: "out.npz", arrays: ["x": NumPyArray(matrix)]).bytes()
/// ```
public struct NumPyArchive: Sendable, Equatable {
    /// Name used in errors (usually the file path).
    public var name: String
    /// Arrays by name, without the `.npy` suffix.
    public var arrays: [String: NumPyArray]

    /// An archive in memory.
    public init(name: String, arrays: [String: NumPyArray]) {
        self.name = name
        self.arrays = arrays
    }

    /// Reads an `.npz` file. Errors are `DataError`s naming the file (and the entry): not a zip,
    /// unsupported compression, CRC mismatch, malformed or unsupported `.npy` (e.g. object arrays).
    /// Entries not ending in `.npy` are ignored.
    public init(_ file: SourceFile) throws {
        var arrays: [String: NumPyArray] = [:]
        for entry in try ZipContainer.entries(of: file.bytes, file: file.name) where entry.name.hasSuffix(".npy") {
            let key = String(entry.name.dropLast(4))
            guard arrays[key] == nil else { throw DataError(file: file.name, "array '\(key)' appears twice") }
            arrays[key] = try NumPyArray(npy: entry.bytes, file: "\(file.name)/\(entry.name)")
        }
        self.init(name: file.name, arrays: arrays)
    }

    /// The array named `key` (without `.npy`), if present.
    public subscript(key: String) -> NumPyArray? { arrays[key] }

    /// Array names, sorted.
    public var keys: [String] { arrays.keys.sorted() }

    /// The archive as `.npz` bytes: one stored (uncompressed) `.npy` v1.0 entry per array, in
    /// sorted name order, fixed timestamps, so equal archives give identical bytes. NumPy's
    /// `np.load` reads it.
    public func bytes() -> [UInt8] { Self.write(arrays) }

    /// `.npz` bytes for `arrays` (see ``bytes()``).
    public static func write(_ arrays: [String: NumPyArray]) -> [UInt8] {
        ZipContainer.write(arrays.keys.sorted().map { ZipContainer.Entry(name: $0 + ".npy", bytes: arrays[$0]!.npyBytes) })
    }
}
