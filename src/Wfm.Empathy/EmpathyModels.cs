using Wfm.Core.Conversations;

namespace Wfm.Empathy;

/// <summary>The shipped empathy model with its English head reading MiniLM sentence vectors.</summary>
public static class EmpathyModels
{
    private static readonly Lazy<EmpathyModel> WithMiniLm = new(() => EmpathyModel.Default.WithEmbedder(MiniLmEmbedder.Shared));

    /// <summary>What the server and the CLI judge empathy with.</summary>
    public static EmpathyModel Shipped => WithMiniLm.Value;

    /// <summary>A model file a center trained (<c>wfm empathy train</c>), with the embedder its English head was trained on.</summary>
    public static EmpathyModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        var model = EmpathyModel.Load(stream, Path.GetFileName(path));
        var foreign = model.Heads.FirstOrDefault(h => h.Embedding is { } e && e != MiniLmEmbedder.ModelName);
        return foreign is not null
            ? throw new FormatException($"{Path.GetFileName(path)}: the '{foreign.Language}' head reads vectors of '{foreign.Embedding}', which this build does not have (it has {MiniLmEmbedder.ModelName})")
            : model.WithEmbedder(model.Heads.Any(h => h.Embedding is not null) ? MiniLmEmbedder.Shared : null);
    }
}
