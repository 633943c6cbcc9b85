// Solves a brokerage model: maximize Σ priority × grams met, then minimize the exact,
// unrounded cost Σ (ask × ratio + fee) × grams (DESIGN "Objective (lexicographic)").
//
// Pure transportation (ratio 1, no fixed costs, lots or counterparty caps): a min-cost flow —
//   offers supply their grams, each allowed pair is an arc into its demand, demands drain into
//   a sink, unused supply goes straight there. The lexicographic objective is exact in one flow
//   with arc cost −priority·M + price: optimality of a flow is decided by residual cycles, and
//   M above (nodes + 1) × the largest price makes every cycle that lowers weighted met cost more
//   than any price saving (no big-M on total quantities is needed). Solved natively
//   (MinCostFlow) or by GLPK's simplex on the same network; both are exact and integral.
// Other cases (substitution ratios above 1, fixed costs, lots, counterparty caps) are not
//   network flows; they are solved by the two-phase LP/MIP in a later change.

import NuanqiCore
import Solvers

public struct BrokerageTrade: Sendable, Equatable {
    /// Index into BrokerageModel.options.
    public var option: Int
    /// Grams the buyer receives.
    public var grams: Int64
}

public struct BrokerageSolution: Sendable {
    public var status: SolveStatus
    public var trades: [BrokerageTrade]
    /// Σ priority × grams met (the primary objective) and its proven bound.
    public var weightedMetGrams: Int64
    public var bound: Int64?
    public var solver: String
    public var reason: String
}

public enum BrokerageSolver {
    public static func solvePure(_ model: BrokerageModel, using choice: SolverChoice) throws -> BrokerageSolution {
        guard model.isPureTransportation else {
            throw SolverError.unsupported(solver: choice.rawValue, reason: "substitution ratios above 1, fixed costs, lots or counterparty caps need the LP/MIP path")
        }
        let built = pureNetwork(model)
        let useGLPK = choice == .glpk
        if useGLPK && !GLPK.isAvailable { throw SolverError.glpkUnavailable }
        let flow = useGLPK ? try FlowLinearProgram.solveWithGLPK(built.network) : try MinCostFlow.solve(built.network)
        guard flow.status == .optimal else {
            throw SolverError.unsupported(solver: useGLPK ? "glpk" : "native", reason: "the transportation flow ended \(flow.status.rawValue)")
        }
        var trades: [BrokerageTrade] = []
        var weighted: Int64 = 0
        for (option, arc) in built.optionArcs.enumerated() where flow.flows[arc] > 0 {
            trades.append(BrokerageTrade(option: option, grams: flow.flows[arc]))
            weighted += Int64(model.demand(model.options[option].demand).priority) * flow.flows[arc]
        }
        return BrokerageSolution(status: .optimal, trades: trades, weightedMetGrams: weighted, bound: weighted,
                                 solver: useGLPK ? "glpk-simplex" : "native-min-cost-flow",
                                 reason: "pure transportation (ratio 1, no fixed costs, lots or counterparty caps): one min-cost flow with lexicographic costs, exact")
    }

    static func pureNetwork(_ model: BrokerageModel) -> (network: FlowNetwork, optionArcs: [Int]) {
        let offerCount = model.offers.count, demandCount = model.demands.count
        let sink = offerCount + demandCount
        var network = FlowNetwork(nodeCount: sink + 1)
        network.reserveArcs(model.options.count + offerCount + demandCount)
        var totalSupply: Int64 = 0
        for index in 0 ..< offerCount {
            let grams = model.offer(index).tonnage.grams
            network.setSupply(grams, at: index)
            totalSupply += grams
            network.addArc(from: index, to: sink, upper: grams, cost: 0)
        }
        network.setSupply(-totalSupply, at: sink)
        for index in 0 ..< demandCount {
            network.addArc(from: offerCount + index, to: sink, upper: model.demand(index).tonnage.grams, cost: 0)
        }
        let largestPrice = model.options.reduce(Int64(0)) { max($0, $1.terms.effectivePrice.fen) }
        let weight = Int64(sink + 2) * largestPrice + 1
        let optionArcs = model.options.map { option -> Int in
            let demand = model.demand(option.demand)
            let capacity = min(demand.tonnage.grams, model.offer(option.offer).tonnage.grams)
            return network.addArc(from: option.offer, to: offerCount + option.demand, upper: capacity,
                                  cost: -Int64(demand.priority) * weight + option.terms.effectivePrice.fen)
        }
        return (network, optionArcs)
    }
}
