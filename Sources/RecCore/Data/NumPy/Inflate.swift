/// DEFLATE decompression (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks, as written
/// by zlib (`np.savez_compressed`). A small canonical-Huffman decoder in the style of zlib's
/// `puff.c`: clear rather than fast (tens of MB/s), ample for factor matrices.
enum Inflate {
    /// Why decompression stopped.
    struct Failure: Error { var message: String }

    /// The decompressed bytes of the raw DEFLATE stream `input` (no zlib or gzip header).
    /// `expectedCount` (when known) pre-sizes the output.
    static func decompress(_ input: ArraySlice<UInt8>, expectedCount: Int = 0) throws -> [UInt8] {
        var state = State(input: input)
        state.output.reserveCapacity(expectedCount)
        var last = false
        while !last {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(Self.fixed.lengths, Self.fixed.distances)
            case 2:
                let (lengths, distances) = try state.dynamicTables()
                try state.codes(lengths, distances)
            default: throw Failure(message: "invalid DEFLATE block type")
            }
        }
        return state.output
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        /// Builds the code from per-symbol code lengths (0 = unused). Throws on over-subscription.
        init(lengths: [Int]) throws {
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1..<16 {
                left = left * 2 - counts[length]
                if left < 0 { throw Failure(message: "over-subscribed Huffman code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            counts[0] = 0
        }
    }

    static let fixed: (lengths: Huffman, distances: Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for s in 144..<256 { lengths[s] = 9 }
        for s in 256..<280 { lengths[s] = 7 }
        return (try! Huffman(lengths: lengths), try! Huffman(lengths: [Int](repeating: 5, count: 30)))
    }()

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// Order in which code-length code lengths are stored.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    struct State {
        let input: ArraySlice<UInt8>
        var position: Int
        var bitBuffer = 0
        var bitCount = 0
        var output: [UInt8] = []

        init(input: ArraySlice<UInt8>) {
            self.input = input
            position = input.startIndex
        }

        /// The next `need` bits, least significant first.
        mutating func bits(_ need: Int) throws -> Int {
            var value = bitBuffer
            while bitCount < need {
                guard position < input.endIndex else { throw Failure(message: "DEFLATE stream ends early") }
                value |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> need
            bitCount -= need
            return value & ((1 << need) - 1)
        }

        /// A stored (uncompressed) block.
        mutating func stored() throws {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.endIndex else { throw Failure(message: "DEFLATE stream ends early") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == (~complement & 0xFFFF) else { throw Failure(message: "stored block length check failed") }
            position += 4
            guard position + length <= input.endIndex else { throw Failure(message: "DEFLATE stream ends early") }
            output.append(contentsOf: input[position..<(position + length)])
            position += length
        }

        /// One symbol of `code`, read bit by bit (codes are stored most significant bit first).
        mutating func decode(_ code: Huffman) throws -> Int {
            var value = 0, first = 0, index = 0
            for length in 1..<16 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + (value - first)] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw Failure(message: "invalid Huffman code")
        }

        /// Literal/length and distance codes until end of block.
        mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws {
            while true {
                let symbol = try decode(lengths)
                if symbol < 256 {
                    output.append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let l = symbol - 257
                    guard l < 29 else { throw Failure(message: "invalid length symbol") }
                    let length = Inflate.lengthBase[l] + (try bits(Inflate.lengthExtra[l]))
                    let d = try decode(distances)
                    guard d < 30 else { throw Failure(message: "invalid distance symbol") }
                    let distance = Inflate.distanceBase[d] + (try bits(Inflate.distanceExtra[d]))
                    guard distance <= output.count else { throw Failure(message: "distance too far back") }
                    let start = output.count - distance
                    for k in 0..<length { output.append(output[start + k]) }
                }
            }
        }

        /// Reads the code tables of a dynamic block.
        mutating func dynamicTables() throws -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw Failure(message: "bad dynamic block counts") }
            var codeLengths = [Int](repeating: 0, count: 19)
            for k in 0..<codeCount { codeLengths[Inflate.codeLengthOrder[k]] = try bits(3) }
            let codeLengthCode = try Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(codeLengthCode)
                switch symbol {
                case 0..<16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw Failure(message: "repeat with no previous length") }
                    lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw Failure(message: "too many code lengths") }
            return (try Huffman(lengths: Array(lengths[0..<literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
        }
    }
}
