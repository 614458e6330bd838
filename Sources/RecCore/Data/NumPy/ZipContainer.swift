/// The zip container of `.npz` files, read and written over bytes (PKWARE APPNOTE 6.3).
///
/// Reading walks the central directory (ZIP64 sizes and offsets included, which `np.savez`
/// writes), supports methods 0 (stored) and 8 (DEFLATE, via ``Inflate``) and verifies each
/// entry's CRC-32. Writing produces stored entries with a fixed timestamp, so the same entries
/// give the same bytes.
enum ZipContainer {
    /// One file inside the archive.
    struct Entry: Equatable {
        var name: String
        var bytes: [UInt8]
    }

    /// All entries of `bytes`, in central-directory order; errors name `file`.
    static func entries(of bytes: [UInt8], file: String) throws -> [Entry] {
        func fail(_ message: String) -> DataError { DataError(file: file, "not a readable .npz (zip) archive: \(message)") }
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw fail("truncated") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) throws -> Int { try u32(at) | u32(at + 4) << 32 }
        // End of central directory: the last signature within the final 64 KiB + 22 bytes.
        var eocd = -1
        var k = bytes.count - 22
        while k >= max(0, bytes.count - 65_557) {
            if bytes[k] == 0x50, bytes[k + 1] == 0x4B, bytes[k + 2] == 0x05, bytes[k + 3] == 0x06 { eocd = k; break }
            k -= 1
        }
        guard eocd >= 0 else { throw fail("no end-of-central-directory record") }
        var count = try u16(eocd + 10)
        var directory = try u32(eocd + 16)
        if count == 0xFFFF || directory == 0xFFFF_FFFF, eocd >= 20, try u32(eocd - 20) == 0x0706_4B50 {
            let record = try u64(eocd - 12)  // ZIP64 end-of-central-directory record
            guard try u32(record) == 0x0606_4B50 else { throw fail("bad ZIP64 record") }
            count = try u64(record + 32)
            directory = try u64(record + 48)
        }
        var entries: [Entry] = []
        var p = directory
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw fail("bad central directory entry") }
            let flags = try u16(p + 8), method = try u16(p + 10), crc = try u32(p + 16)
            var compressed = try u32(p + 20), size = try u32(p + 24)
            let nameLength = try u16(p + 28), extraLength = try u16(p + 30), commentLength = try u16(p + 32)
            var local = try u32(p + 42)
            guard p + 46 + nameLength <= bytes.count else { throw fail("truncated") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extended information: only the fields whose 32-bit value is 0xFFFFFFFF, in order.
            var e = p + 46 + nameLength
            while e + 4 <= p + 46 + nameLength + extraLength {
                let id = try u16(e), length = try u16(e + 2)
                if id == 0x0001 {
                    var q = e + 4
                    if size == 0xFFFF_FFFF { size = try u64(q); q += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = try u64(q); q += 8 }
                    if local == 0xFFFF_FFFF { local = try u64(q) }
                }
                e += 4 + length
            }
            p += 46 + nameLength + extraLength + commentLength
            guard flags & 1 == 0 else { throw fail("\(name) is encrypted") }
            guard try u32(local) == 0x0403_4B50 else { throw fail("bad local header for \(name)") }
            let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard start + compressed <= bytes.count else { throw fail("\(name) is truncated") }
            let raw = bytes[start..<(start + compressed)]
            let data: [UInt8]
            switch method {
            case 0: data = Array(raw)
            case 8:
                do { data = try Inflate.decompress(raw, expectedCount: size) } catch let failure as Inflate.Failure {
                    throw fail("\(name): \(failure.message)")
                }
            default: throw fail("\(name) uses compression method \(method); only stored (0) and DEFLATE (8) are supported")
            }
            guard data.count == size else { throw fail("\(name) has \(data.count) bytes, expected \(size)") }
            guard Int(CRC32.checksum(data)) == crc else { throw fail("\(name) fails its CRC-32 check") }
            entries.append(Entry(name: name, bytes: data))
        }
        return entries
    }

    /// A zip archive holding `entries` uncompressed, in the given order (DOS date 1980-01-01).
    static func write(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int, _ to: inout [UInt8]) { u16(v & 0xFFFF, &to); u16(v >> 16 & 0xFFFF, &to) }
        for entry in entries {
            let name = Array(entry.name.utf8), crc = Int(CRC32.checksum(entry.bytes)), offset = out.count
            // Local header: signature, version 2.0, flags (bit 11: UTF-8 names), stored, time 0, date 1980-01-01.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(entry.bytes.count, &out); u32(entry.bytes.count, &out); u16(name.count, &out); u16(0, &out)
            out += name
            out += entry.bytes
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0x0800, &directory); u16(0, &directory)
            u16(0, &directory); u16(0x21, &directory); u32(crc, &directory); u32(entry.bytes.count, &directory)
            u32(entry.bytes.count, &directory); u16(name.count, &directory); u16(0, &directory); u16(0, &directory)
            u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(offset, &directory)
            directory += name
        }
        let directoryOffset = out.count
        out += directory
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(directory.count, &out); u32(directoryOffset, &out); u16(0, &out)
        return out
    }
}
