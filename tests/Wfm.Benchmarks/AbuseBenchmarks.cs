using BenchmarkDotNet.Attributes;
using Wfm.Core.Conversations;

namespace Wfm.Benchmarks;

/// <summary>
/// One customer message classified inline, as the event pipeline will do for every message: language
/// detection, normalisation, the lexicon and patterns, and the classifier where the language has one.
/// </summary>
[MemoryDiagnoser]
public class AbuseBenchmarks
{
    private const string English = "I have been waiting for three days and nobody answers, you useless idiots, where is my refund???";
    private const string Turkish = "Üç gündür bekliyorum kimse cevap vermiyor, siparişim nerede, bu ne rezalet ya";
    private const string Persian = "سه روزه منتظرم و هیچ کس جواب نمی‌ده، سفارش من کجاست؟ خیلی بی‌مسئولیت هستید";
    private AbuseDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _detector = AbuseDetector.Default;
        _detector.Classify("warm up");
    }

    [Benchmark]
    public bool ClassifyEnglish() => _detector.Classify(English).Abusive;

    [Benchmark]
    public bool ClassifyTurkish() => _detector.Classify(Turkish).Abusive;

    [Benchmark]
    public bool ClassifyPersian() => _detector.Classify(Persian).Abusive;
}
