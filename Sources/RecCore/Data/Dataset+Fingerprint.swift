extension Dataset {
    /// FNV-1a 64-bit hash of raw ids and every interaction, as 16 hex digits. Identifies the
    /// exact data that made a set of artifacts; not cryptographic.
    public var fingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        func mix64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
        for id in userIDs { id.utf8.forEach(mix); mix(0) }
        for id in itemIDs { id.utf8.forEach(mix); mix(0) }
        for u in 0..<interactions.userCount { mix64(UInt64(interactions.rowStart[u + 1])) }
        for k in 0..<interactions.count {
            mix64(UInt64(UInt32(bitPattern: interactions.items[k])))
            mix64(UInt64(interactions.ratings[k].bitPattern))
            mix64(UInt64(bitPattern: interactions.timestamps[k]))
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
