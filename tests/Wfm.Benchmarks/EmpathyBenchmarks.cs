using BenchmarkDotNet.Attributes;
using Wfm.Core.Conversations;
using Wfm.Empathy;

namespace Wfm.Benchmarks;

/// <summary>
/// One agent sentence judged for empathy, as the trainer's viewer and <c>wfm conversations analyze</c> do it: English
/// through MiniLM (one ONNX thread) and the head, Turkish and Persian through words and phrases.
/// </summary>
[MemoryDiagnoser]
public class EmpathyBenchmarks
{
    private const string English = "I'm really sorry the engineer didn't turn up, I'll make sure someone is with you tomorrow morning.";
    private const string Turkish = "Teknisyenin gelmemesine çok üzüldüm, yarın sabah birinin yanınızda olmasını sağlayacağım.";
    private const string Persian = "خیلی متأسفم که تکنسین نیامد، مطمئن می‌شوم فردا صبح کسی پیش شما باشد.";
    private EmpathyModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = EmpathyModels.Shipped;
        _model.Judge("warm up", "en");
    }

    [Benchmark]
    public bool JudgeEnglish() => _model.Judge(English, "en").Empathetic;

    [Benchmark]
    public bool JudgeTurkish() => _model.Judge(Turkish, "tr").Empathetic;

    [Benchmark]
    public bool JudgePersian() => _model.Judge(Persian, "fa").Empathetic;
}
