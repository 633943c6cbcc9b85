// Oracle: the least proposer rank sum over pairwise-stable matchings, as a MIP for GLPK.
// x_pr = 1 when (p, r) is matched; a_pr = 1 means "p is full with partners it prefers to r",
// b_pr = 1 means "r is full with partners it prefers to p"; (p, r) does not block when
// x_pr + a_pr + b_pr ≥ 1. This formulation is independent of DeferredAcceptance.

import NuanqiCore
import Solvers

public enum StableMatchingProgram {
    public static func bestProposerRankSum(_ profile: PreferenceProfile) throws -> Int {
        var pairs: [(proposer: Int, receiver: Int, proposerRank: Int, receiverRank: Int)] = []
        for proposer in 0 ..< profile.proposerCount {
            for (rank, receiver) in profile.list(ofProposer: proposer).enumerated() {
                if let receiverRank = profile.list(ofReceiver: Int(receiver)).firstIndex(of: Int32(proposer)) {
                    let offset = receiverRank - profile.receiverStarts[Int(receiver)]
                    pairs.append((proposer, Int(receiver), rank, offset))
                }
            }
        }
        var program = LinearProgram(sense: .minimize)
        let x = pairs.map { program.addColumn(lower: 0, upper: 1, objective: Double($0.proposerRank), isInteger: true) }
        for proposer in 0 ..< profile.proposerCount {
            program.addRow(pairs.indices.filter { pairs[$0].proposer == proposer }.map { (x[$0], 1.0) },
                           upper: Double(profile.proposerCapacities[proposer]))
        }
        for receiver in 0 ..< profile.receiverCount {
            program.addRow(pairs.indices.filter { pairs[$0].receiver == receiver }.map { (x[$0], 1.0) },
                           upper: Double(profile.receiverCapacities[receiver]))
        }
        for (index, pair) in pairs.enumerated() {
            let a = program.addColumn(lower: 0, upper: 1, isInteger: true)
            let b = program.addColumn(lower: 0, upper: 1, isInteger: true)
            program.addRow([(x[index], 1.0), (a, 1.0), (b, 1.0)], lower: 1)
            let proposerBetter = pairs.indices.filter { pairs[$0].proposer == pair.proposer && pairs[$0].proposerRank < pair.proposerRank }
            program.addRow(proposerBetter.map { (x[$0], 1.0) } + [(a, -Double(profile.proposerCapacities[pair.proposer]))], lower: 0)
            let receiverBetter = pairs.indices.filter { pairs[$0].receiver == pair.receiver && pairs[$0].receiverRank < pair.receiverRank }
            program.addRow(receiverBetter.map { (x[$0], 1.0) } + [(b, -Double(profile.receiverCapacities[pair.receiver]))], lower: 0)
        }
        let solution = try GLPK.solve(program)
        precondition(solution.status == .optimal, "a stable matching always exists")
        return Int(solution.objective!.rounded())
    }
}
