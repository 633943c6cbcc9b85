import Foundation
import NuanqiIO

/// Where results go: standard output, or a file written atomically.
enum Output {
    static func write(_ json: JSONValue, to path: String?) throws {
        let bytes = json.serializedBytes()
        if let path {
            try FileContents.writeAtomically(bytes, to: path)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
