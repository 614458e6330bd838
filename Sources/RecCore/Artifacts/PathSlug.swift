/// File-name-safe, injective encoding of raw ids for `users/<slug>.html` and `items/<slug>.html`.
///
/// ASCII letters, digits, `-` and `.` (not leading) stay; every other UTF-8 byte, `_` included,
/// becomes `_XX` (two upper-case hex digits). "42" → "42", "a b" → "a_20b", "../x" → "_2E._2Fx".
public enum PathSlug {
    public static func slug(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        let hex: [Character] = Array("0123456789ABCDEF")
        for (index, byte) in raw.utf8.enumerated() {
            let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlnum || byte == 0x2D || (byte == 0x2E && index > 0) {
                result.append(Character(Unicode.Scalar(byte)))
            } else {
                result.append("_")
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 0xF)])
            }
        }
        return result.isEmpty ? "_" : result
    }
}
