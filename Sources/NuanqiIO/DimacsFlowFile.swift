// The DIMACS minimum-cost flow format (First DIMACS Implementation Challenge, 1991), the
// common currency of network codes (GLPK's `glpsol --mincost`, LEMON, the peers' harness):
//   c comment
//   p min NODES ARCS
//   n ID SUPPLY          (positive: supply, negative: demand; nodes not listed have 0)
//   a FROM TO LOW CAP COST
// Nodes are 1-based. DIMACS has no "unlimited": the writer gives such arcs a capacity no
// optimal flow needs (total positive supply plus every finite capacity and lower bound: the
// flow on any arc of an optimal solution without an unlimited negative cycle stays below it),
// which keeps the optimum unchanged when it exists. Every reading error names the file, line and field.

import NuanqiCore

public enum DimacsFlowFile {
    public static func read(path: String) throws(InputError) -> FlowNetwork {
        try parse(FileContents.bytes(of: path), file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> FlowNetwork {
        var network: FlowNetwork? = nil
        var declaredArcs = 0
        var supplies: [Int64] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = rawLine.split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard let kind = fields.first, kind != [UInt8(ascii: "c")] else { continue }
            func integer(_ position: Int, _ name: String) throws(InputError) -> Int64 {
                guard position < fields.count else {
                    throw .invalidValue(file: file, line: lineNumber, field: name, reason: "is missing")
                }
                guard let value = Int64(String(decoding: fields[position], as: UTF8.self)) else {
                    throw .invalidValue(file: file, line: lineNumber, field: name,
                                        reason: "\"\(String(decoding: fields[position], as: UTF8.self))\" is not an integer")
                }
                return value
            }
            func node(_ position: Int, _ name: String, in flow: FlowNetwork) throws(InputError) -> Int {
                let id = try integer(position, name)
                guard id >= 1, id <= flow.nodeCount else {
                    throw .invalidValue(file: file, line: lineNumber, field: name, reason: "node \(id) is outside 1…\(flow.nodeCount)")
                }
                return Int(id) - 1
            }
            switch String(decoding: kind, as: UTF8.self) {
            case "p":
                guard network == nil else { throw .invalidValue(file: file, line: lineNumber, field: "p", reason: "a second problem line") }
                guard fields.count >= 2, String(decoding: fields[1], as: UTF8.self) == "min" else {
                    throw .invalidValue(file: file, line: lineNumber, field: "p", reason: "expected \"p min NODES ARCS\"")
                }
                let nodes = try integer(2, "nodes"), arcs = try integer(3, "arcs")
                guard (1 ... 100_000_000).contains(nodes), (0 ... 1_000_000_000).contains(arcs) else {
                    throw .invalidValue(file: file, line: lineNumber, field: "p", reason: "\(nodes) nodes and \(arcs) arcs are out of range")
                }
                var flow = FlowNetwork(nodeCount: Int(nodes))
                flow.reserveArcs(Int(min(arcs, 50_000_000)))
                network = flow
                declaredArcs = Int(arcs)
                supplies = [Int64](repeating: 0, count: Int(nodes))
            case "n":
                guard let flow = network else { throw .invalidValue(file: file, line: lineNumber, field: "n", reason: "comes before the problem line") }
                supplies[try node(1, "node", in: flow)] = try integer(2, "supply")
            case "a":
                guard var flow = network else { throw .invalidValue(file: file, line: lineNumber, field: "a", reason: "comes before the problem line") }
                network = nil // keep the arrays uniquely referenced while appending
                let from = try node(1, "from", in: flow), to = try node(2, "to", in: flow)
                let lower = try integer(3, "low"), upper = try integer(4, "cap"), cost = try integer(5, "cost")
                guard lower >= 0, lower <= upper else {
                    throw .invalidValue(file: file, line: lineNumber, field: "low", reason: "bounds \(lower)…\(upper) are empty or negative")
                }
                guard flow.arcCount < declaredArcs else {
                    throw .invalidValue(file: file, line: lineNumber, field: "a", reason: "more arcs than the \(declaredArcs) declared")
                }
                flow.addArc(from: from, to: to, lower: lower, upper: upper, cost: cost)
                network = flow
            default:
                throw .invalidValue(file: file, line: lineNumber, field: "line type",
                                    reason: "\"\(String(decoding: kind, as: UTF8.self))\" is not c, p, n or a")
            }
        }
        guard var flow = network else { throw .unreadable(file: file, reason: "no problem line \"p min NODES ARCS\"") }
        guard flow.arcCount == declaredArcs else {
            throw .invalidValue(file: file, line: lineNumber, field: "p", reason: "declares \(declaredArcs) arcs, the file has \(flow.arcCount)")
        }
        for (index, supply) in supplies.enumerated() { flow.setSupply(supply, at: index) }
        do { try flow.validate() } catch {
            throw .invalidValue(file: file, line: 1, field: "p", reason: "\(error)")
        }
        return flow
    }

    /// The network in DIMACS text, comment lines first.
    public static func text(_ network: FlowNetwork, comments: [String] = []) -> String {
        var out = comments.map { "c \($0)\n" }.joined()
        let finite = network.arcUppers.reduce(Int64(0)) { $0 + ($1 == FlowNetwork.unlimited ? 0 : $1) }
        let roomy = network.supply.reduce(Int64(0)) { $0 + max($1, 0) } + network.arcLowers.reduce(0, +) + finite
        out += "p min \(network.nodeCount) \(network.arcCount)\n"
        for (node, supply) in network.supply.enumerated() where supply != 0 { out += "n \(node + 1) \(supply)\n" }
        for arc in 0 ..< network.arcCount {
            let upper = network.arcUppers[arc] == FlowNetwork.unlimited ? max(roomy, network.arcLowers[arc]) : network.arcUppers[arc]
            out += "a \(network.arcSources[arc] + 1) \(network.arcTargets[arc] + 1) \(network.arcLowers[arc]) \(upper) \(network.arcCosts[arc])\n"
        }
        return out
    }
}
