// SHA-256 of what a run read, so a result names exactly the inputs that produced it. A CSV
// folder is digested as the sorted list of its input files' names and digests, so adding,
// removing or editing any of them changes it.

import Crypto
import Foundation
import NuanqiCore
import NuanqiIO

public enum InputDigest {
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The digest of a file's bytes, or of the files named `folderFiles` in a folder (those a
    /// reader opens: notes and expected results beside them do not change the digest).
    public static func sha256(path: String, folderFiles: [String]) throws(InputError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard isDirectory.boolValue else { return sha256(try FileContents.bytes(of: path)) }
        var listing = ""
        for name in folderFiles.sorted() {
            let child = (path as NSString).appendingPathComponent(name)
            var childIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory), !childIsDirectory.boolValue else { continue }
            listing += name + "\t" + sha256(try FileContents.bytes(of: child)) + "\n"
        }
        return sha256(Array(listing.utf8))
    }
}
