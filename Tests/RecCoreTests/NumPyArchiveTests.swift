import Foundation
@testable import RecCore
import RecTestSupport
import Testing

@Suite struct NumPyArchiveTests {
    static func fixture(_ name: String) throws -> NumPyArchive {
        try NumPyArchive(SharedData.fixture("import/\(name)"))
    }

    @Test func readsNumPyCompressedArchive() throws {
        let archive = try Self.fixture("arrays.npz")
        #expect(archive.keys == ["big", "counts", "flags", "names", "wave"])
        #expect(archive["counts"] == NumPyArray(shape: [3000], values: .int(Array(0..<3000))))
        let wave = try #require(archive["wave"])
        #expect(wave.shape == [10, 100])
        guard case .float32(let values) = wave.values else { Issue.record("wave is \(wave.elementTypeName)"); return }
        for k in 0..<1000 { #expect(abs(values[k] - Float(sin(Double(k)))) < 1e-6) }
        #expect(archive["flags"] == NumPyArray(shape: [3], values: .bool([true, false, true])))
        // Big-endian float64 in Fortran order comes back row-major.
        #expect(archive["big"] == NumPyArray(shape: [2, 3], values: .float64([0, 1, 2, 3, 4, 5])))
        #expect(archive["names"]?.identifiers == ["Amélie", "<script>&", "東京"])
    }

    @Test func readsStoredArchiveWithByteStrings() throws {
        let archive = try Self.fixture("mf-string-ids.npz")
        #expect(archive["user_ids"]?.identifiers == ["10", "1", "2"])
        #expect(archive["item_ids"]?.identifiers == ["12", "7", "8", "9", "11"])
        #expect(archive["user_factors"]?.shape == [3, 2])
    }

    @Test func writerRoundTripsEveryElementType() throws {
        let arrays: [String: NumPyArray] = [
            "f": NumPyArray(shape: [2, 2], values: .float32([1.5, -2, .infinity, 0])),
            "d": NumPyArray(shape: [3], values: .float64([1e-300, -0.0, 3.25])),
            "i": NumPyArray(shape: [2, 1, 2], values: .int([Int.min, -1, 0, Int.max])),
            "b": NumPyArray(shape: [1], values: .bool([true])),
            "s": NumPyArray(shape: [2], values: .string(["", "Amélie 東京"])),
            "scalar": NumPyArray(shape: [], values: .float32([7])),
            "empty": NumPyArray(shape: [0, 4], values: .float32([])),
        ]
        let bytes = NumPyArchive.write(arrays)
        #expect(bytes == NumPyArchive(name: "x", arrays: arrays).bytes())
        let back = try NumPyArchive(SourceFile(name: "x.npz", bytes: bytes))
        #expect(back.arrays == arrays)
    }

    @Test func writtenArchivesLoadInNumPy() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reclens-npz-\(getpid()).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        let arrays: [String: NumPyArray] = ["m": NumPyArray(shape: [2, 3], values: .float32([1, 2, 3, 4, 5, 6])),
                                            "ids": NumPyArray(shape: [2], values: .string(["a", "Amélie"]))]
        try Data(NumPyArchive.write(arrays)).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")  // the python3 on PATH (pyenv, venv…)
        process.arguments = ["python3", "-c", "import numpy as np, sys; a = np.load(sys.argv[1]); print(a['m'].sum(), a['m'].shape, list(a['ids']))", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { return }  // no python3: nothing to compare with
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return }  // python3 without numpy
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("21.0 (2, 3)") && output.contains("Amélie"), "numpy printed: \(output)")
    }

    @Test func refusesObjectArraysWithAClearError() throws {
        var npy = NumPyArray(shape: [1], values: .int([1])).npyBytes
        let offset = try #require((0..<(npy.count - 3)).first { Array(npy[$0..<($0 + 3)]) == Array("<i8".utf8) })
        npy.replaceSubrange(offset..<(offset + 3), with: Array("|O8".utf8))
        let bytes = ZipContainer.write([.init(name: "ids.npy", bytes: npy)])
        expectDataError(file: "m.npz/ids.npy", line: 0, "pickled Python objects") {
            _ = try NumPyArchive(SourceFile(name: "m.npz", bytes: bytes))
        }
    }

    @Test func rejectsNonZipAndCorruptData() throws {
        expectDataError(file: "x.npz", line: 0, "no end-of-central-directory") {
            _ = try NumPyArchive(SourceFile(name: "x.npz", text: "hello"))
        }
        var bytes = NumPyArchive.write(["a": NumPyArray(shape: [4], values: .int([1, 2, 3, 4]))])
        bytes[30 + 5 + 128 + 1] ^= 0xFF  // inside the data: local header, name "a.npy", .npy header
        expectDataError(file: "x.npz", line: 0, "CRC-32") { _ = try NumPyArchive(SourceFile(name: "x.npz", bytes: bytes)) }
        let truncated = NumPyArray(shape: [4], values: .int([1, 2, 3, 4])).npyBytes.dropLast(8)
        expectDataError(file: "t.npz/a.npy", line: 0, "needs 32 bytes") {
            _ = try NumPyArchive(SourceFile(name: "t.npz", bytes: ZipContainer.write([.init(name: "a.npy", bytes: Array(truncated))])))
        }
    }
}

