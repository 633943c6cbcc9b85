// Whole-file reads and atomic writes: what every reader and writer in NuanqiIO goes through.

import Foundation
import NuanqiCore

public enum FileContents {
    /// The bytes of a file, or an InputError that says why it cannot be read.
    public static func bytes(of path: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "is a folder, expected a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "cannot be read (permissions?)")
        }
        return [UInt8](data)
    }

    /// Writes all of `bytes` to `path` or nothing: a temporary file in the same folder is
    /// renamed over the target, so readers never see half a file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
