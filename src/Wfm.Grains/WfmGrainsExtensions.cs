using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wfm.Grains.Ingestion;

namespace Wfm.Grains;

/// <summary>Registers what the grains need besides storage: options, the clock and the ingestor.</summary>
public static class WfmGrainsExtensions
{
    public static IServiceCollection AddWfmGrainServices(this IServiceCollection services)
    {
        services.AddOptions<WfmGrainOptions>().BindConfiguration(WfmGrainOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ObservationStart(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<ConversationEnds>();
        services.AddSingleton<EventIngestor>();
        return services;
    }
}
