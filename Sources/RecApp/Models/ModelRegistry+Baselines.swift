import RecCore

extension ModelRegistry {
    static let popularity = ModelRegistration(
        name: "popularity", displayName: "Popularity", help: "ranks items by training interactions",
        fields: []
    ) { context in
        PopularityRecommender(train: context.split.train)
    }

    static let itemKNN = ModelRegistration(
        name: "itemknn", displayName: "ItemKNN (cosine)", help: "cosine similarity of the items' user sets, top-N neighbours per item",
        fields: [.int("neighbours", \.itemKNN.neighbours, min: 1, "neighbours kept per item")],
        persisted: ItemKNN.self
    ) { context in
        ItemKNN(train: context.split.train, configuration: context.settings.itemKNN)
    }

    static let hybrid = ModelRegistration(
        name: "hybrid", displayName: "Hybrid (LMF × PMF)", help: "P(y = 1 | u, i) from lmf × expected rating from pmf",
        dependencies: ["lmf", "pmf"], fields: []
    ) { context in
        HybridRecommender(
            implicit: try context.dependency("lmf", as: (any ProbabilisticRecommender).self),
            explicit: try context.dependency("pmf", as: (any RatingPredictor).self),
            name: "hybrid", displayName: "Hybrid (LMF × PMF)")
    }
}
