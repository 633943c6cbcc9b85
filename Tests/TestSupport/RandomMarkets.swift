// Seeded random permit markets: a few regions in one or two cities and watersheds, links
// (ratio 1 here, fees sometimes), non-attainment, all four sectors and reserves, price caps,
// priorities and tied asks.

import Brokerage
import NuanqiCore

public enum RandomMarkets {
    public static func pure(seed: UInt64) -> BrokerageInstance {
        var random = SeededGenerator(seed: seed)
        let pollutants = [Pollutant(id: "NH3-N", medium: .water), Pollutant(id: "NOx", medium: .air)]
        let regionCount = Int.random(in: 1 ... 4, using: &random)
        let regions = (0 ..< regionCount).map { index in
            Region(id: "R\(index)", city: "city\(Int.random(in: 0 ... 1, using: &random))",
                   watershed: "w\(Int.random(in: 0 ... 2, using: &random))",
                   nonAttainment: Int.random(in: 0 ..< 5, using: &random) == 0 ? ["NOx"] : [])
        }
        var links: [Link] = []
        if regionCount > 1 && Bool.random(using: &random) {
            links.append(Link(from: "R0", to: "R1", pollutants: ["NH3-N", "NOx"].filter { _ in Bool.random(using: &random) },
                              feePerTonne: Money(fen: Int64.random(in: 0 ... 3, using: &random) * 50_000)))
        }
        let sectors = Sector.allCases
        func sector() -> Sector { Int.random(in: 0 ..< 3, using: &random) == 0 ? sectors.randomElement(using: &random)! : .industry }
        let sellers = (0 ..< Int.random(in: 1 ... 5, using: &random)).map { index in
            Seller(id: "S\(index)", region: regions.randomElement(using: &random)!.id,
                   kind: Int.random(in: 0 ..< 6, using: &random) == 0 ? .reserve : .enterprise, sector: sector(),
                   offers: pollutants.shuffled(using: &random).prefix(Int.random(in: 1 ... 2, using: &random)).map { pollutant in
                       Offer(pollutant: pollutant.id, tonnage: Tonnage(grams: Int64.random(in: 1 ... 20, using: &random) * 250_000),
                             ask: Money(fen: Int64.random(in: 2 ... 6, using: &random) * 500_000))
                   })
        }
        let buyers = (0 ..< Int.random(in: 1 ... 5, using: &random)).map { index in
            Buyer(id: "B\(index)", region: regions.randomElement(using: &random)!.id, sector: sector(),
                  demands: pollutants.shuffled(using: &random).prefix(Int.random(in: 1 ... 2, using: &random)).map { pollutant in
                      Demand(pollutant: pollutant.id, tonnage: Tonnage(grams: Int64.random(in: 1 ... 30, using: &random) * 123_000),
                             maxPrice: Bool.random(using: &random) ? Money(fen: Int64.random(in: 2 ... 7, using: &random) * 500_000) : nil,
                             priority: Int.random(in: 1 ... 3, using: &random))
                  })
        }
        return BrokerageInstance(pollutants: pollutants, regions: regions, watershedGroups: seed % 3 == 0 ? [["w0", "w1"]] : [],
                                 links: links, sellers: sellers, buyers: buyers, file: "random")
    }
}

extension RandomMarkets {
    /// The same markets with substitution ratios above 1 on links and, by seed, fixed costs,
    /// minimum lots and counterparty caps.
    public static func general(seed: UInt64) -> BrokerageInstance {
        var market = pure(seed: seed)
        var random = SeededGenerator(seed: seed ^ 0xB40C)
        if market.regions.count > 1 {
            market.links = [Link(from: "R0", to: "R1", pollutants: ["NH3-N", "NOx"],
                                 ratio: SubstitutionRatio(tenThousandths: Int64.random(in: 10_000 ... 15_000, using: &random)),
                                 feePerTonne: Money(fen: Int64.random(in: 0 ... 2, using: &random) * 100_000))]
            if market.regions.count > 2 {
                market.links.append(Link(from: "R2", to: "R0", pollutants: ["NH3-N"],
                                         ratio: SubstitutionRatio(tenThousandths: 12_345)))
            }
        }
        if seed % 3 == 0 { market.options.fixedCostPerTrade = Money(fen: Int64.random(in: 1 ... 5, using: &random) * 100_000) }
        if seed % 4 == 1 { market.options.minLot = Tonnage(grams: Int64.random(in: 1 ... 8, using: &random) * 250_000) }
        if seed % 5 == 2 { market.options.maxCounterparties = Int.random(in: 1 ... 2, using: &random) }
        return market
    }
}

extension RandomMarkets {
    /// `general` markets shrunk to a few grams per offer and demand (lots of 1–3 grams), small
    /// enough for brute force over every gram vector.
    public static func tiny(seed: UInt64) -> BrokerageInstance {
        var market = general(seed: seed)
        var random = SeededGenerator(seed: seed ^ 0x7111)
        for seller in market.sellers.indices {
            for offer in market.sellers[seller].offers.indices { market.sellers[seller].offers[offer].tonnage = Tonnage(grams: Int64.random(in: 1 ... 8, using: &random)) }
        }
        for buyer in market.buyers.indices {
            for demand in market.buyers[buyer].demands.indices { market.buyers[buyer].demands[demand].tonnage = Tonnage(grams: Int64.random(in: 1 ... 9, using: &random)) }
        }
        if market.options.minLot != nil { market.options.minLot = Tonnage(grams: Int64.random(in: 1 ... 3, using: &random)) }
        return market
    }
}
