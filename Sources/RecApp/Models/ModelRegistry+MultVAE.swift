import RecCore

extension ModelRegistry {
    static let multVAE = ModelRegistration(
        name: "vae", displayName: "Mult-VAE", help: "Mult-VAE (Liang et al. 2018): autoencoder of the multi-hot history, multinomial likelihood",
        fields: [
            .int("hidden", \.vae.hiddenSize, min: 1, "hidden units H of the encoder and of the decoder"),
            .int("latent", \.vae.latentSize, min: 1, "latent dimension L"),
            .double("dropout", \.vae.dropout, min: 0, below: 1, "share of the normalised input dropped while training"),
            .int("epochs", \.vae.epochs, min: 1, "passes over the users"),
            .int("batch_size", \.vae.batchSize, min: 1, "users per minibatch"),
            .float("learning_rate", \.vae.learningRate, min: 0, exclusive: true, "Adam step size"),
            .double("kl_cap", \.vae.klCap, min: 0, "largest KL weight β"),
            .double("anneal_epochs", \.vae.annealEpochs, min: 0, "epochs for β to rise linearly to kl_cap; 0 = kl_cap from the start"),
        ],
        persisted: MultVAE.self
    ) { context in
        var c = context.settings.vae
        c.seed = context.settings.seed
        return MultVAE(train: context.split.train, configuration: c)
    }
}
