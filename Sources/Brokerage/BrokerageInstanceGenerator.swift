// Seeded, realistic permit markets: Zhejiang's 11 cities, each a region on its river basin
// (the coastal cities share a watershed group), NH3-N (water) and NOx (air), asks drawn from
// the observed ranges (NH3-N 14k–44k, NOx 1.6k–5.3k yuan per tonne-year, never under the
// provincial floors of 4,000 and 1,000), demands of 0.1–40 t to three decimals against offers
// of 0.1–25 t (so supply runs short, as it does in Zhejiang's markets), key projects
// with higher priority, a few approved cross-city links with ratios and fees, all sectors and
// some government reserves. Same seed, same market.

import NuanqiCore

public enum BrokerageInstanceGenerator {
    public static let cities: [(id: String, name: String, watershed: String)] = [
        ("hangzhou", "杭州", "钱塘江"), ("ningbo", "宁波", "甬江"), ("wenzhou", "温州", "瓯江"),
        ("jiaxing", "嘉兴", "太湖"), ("huzhou", "湖州", "太湖"), ("shaoxing", "绍兴", "曹娥江"),
        ("jinhua", "金华", "钱塘江"), ("quzhou", "衢州", "钱塘江"), ("zhoushan", "舟山", "舟山近岸"),
        ("taizhou", "台州", "椒江"), ("lishui", "丽水", "瓯江"),
    ]

    public static func instance(sellers sellerCount: Int, buyers buyerCount: Int, regions regionCount: Int, seed: UInt64) -> BrokerageInstance {
        var random = SeededGenerator(seed: seed)
        let pollutants = [Pollutant(id: "NH3-N", medium: .water), Pollutant(id: "NOx", medium: .air)]
        let regions = (0 ..< max(1, regionCount)).map { index -> Region in
            let city = cities[index % cities.count]
            let district = index / cities.count
            return Region(id: district == 0 ? city.id : "\(city.id)-\(district)", city: city.name, watershed: city.watershed,
                          nonAttainment: Int.random(in: 0 ..< 8, using: &random) == 0 ? ["NOx"] : [])
        }
        var links: [Link] = []
        for _ in 0 ..< max(1, regions.count / 3) {
            let from = regions.randomElement(using: &random)!, to = regions.randomElement(using: &random)!
            guard from.id != to.id, !links.contains(where: { $0.from == from.id && $0.to == to.id }) else { continue }
            links.append(Link(from: from.id, to: to.id, pollutants: ["NH3-N", "NOx"].filter { _ in Bool.random(using: &random) },
                              ratio: SubstitutionRatio(tenThousandths: [10_000, 10_000, 11_000, 12_000].randomElement(using: &random)!),
                              feePerTonne: Money(fen: Int64.random(in: 0 ... 5, using: &random) * 20_000)))
        }
        links.removeAll { $0.pollutants.isEmpty }
        func sector() -> Sector {
            switch Int.random(in: 0 ..< 20, using: &random) {
            case 0 ..< 13: .industry
            case 13 ..< 16: .thermalPower
            case 16 ..< 18: .agriculture
            default: .other
            }
        }
        func ask(_ pollutant: String) -> Money {
            pollutant == "NH3-N" ? Money(fen: Int64.random(in: 140 ... 440, using: &random) * 10_000)
                                 : Money(fen: Int64.random(in: 160 ... 530, using: &random) * 1_000)
        }
        let sellers = (0 ..< sellerCount).map { index -> Seller in
            let reserve = Int.random(in: 0 ..< 25, using: &random) == 0
            let offered = pollutants.filter { _ in Int.random(in: 0 ..< 3, using: &random) != 0 }
            return Seller(id: "S\(padded(index + 1))", name: reserve ? "储备库\(index + 1)" : "出让企业\(index + 1)",
                          region: regions.randomElement(using: &random)!.id, kind: reserve ? .reserve : .enterprise, sector: sector(),
                          offers: (offered.isEmpty ? [pollutants[0]] : offered).map { pollutant in
                              Offer(pollutant: pollutant.id, tonnage: Tonnage(grams: Int64.random(in: 100 ... 25_000, using: &random) * 1_000),
                                    ask: ask(pollutant.id))
                          })
        }
        let buyers = (0 ..< buyerCount).map { index -> Buyer in
            let key = Int.random(in: 0 ..< 10, using: &random) == 0
            let wanted = pollutants.filter { _ in Int.random(in: 0 ..< 3, using: &random) != 0 }
            return Buyer(id: "B\(padded(index + 1))", name: key ? "重点项目\(index + 1)" : "受让企业\(index + 1)",
                         region: regions.randomElement(using: &random)!.id, sector: sector(),
                         demands: (wanted.isEmpty ? [pollutants[1]] : wanted).map { pollutant in
                             let cap = ask(pollutant.id)
                             return Demand(pollutant: pollutant.id, tonnage: Tonnage(grams: Int64.random(in: 100 ... 40_000, using: &random) * 1_000),
                                           maxPrice: Int.random(in: 0 ..< 3, using: &random) == 0 ? nil : Money(fen: cap.fen * 12 / 10),
                                           priority: key ? 3 : 1)
                         })
        }
        return BrokerageInstance(pollutants: pollutants, regions: regions,
                                 watershedGroups: [["甬江", "舟山近岸", "椒江"], ["钱塘江", "曹娥江"]], links: links,
                                 sellers: sellers, buyers: buyers)
    }

    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
