using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Wfm.Core.Agents;

namespace Wfm.Grains.Tests;

/// <summary>A state change is twelve bytes, and keeps its meaning through Orleans' serializer and JSON.</summary>
public sealed class StateChangeTests
{
    private static readonly StateChange Change = new(new DateTimeOffset(2026, 12, 2, 9, 15, 30, TimeSpan.FromHours(3)).AddTicks(7), AgentState.AfterContactWork);

    [Fact]
    public void IsTwelveBytes_AndKeepsTheInstantInUtc()
    {
        Assert.Equal(12, Unsafe.SizeOf<StateChange>());
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 15, 30, TimeSpan.Zero).AddTicks(7), Change.At);
        Assert.Equal(TimeSpan.Zero, Change.At.Offset);
        var (at, state) = Change;
        Assert.Equal((Change.At, AgentState.AfterContactWork), (at, state));
    }

    [Fact]
    public void RoundTrips_ThroughOrleansSerializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        List<StateChange> timeline = [Change, new(Change.At.AddMinutes(5), AgentState.Available)];
        var copy = serializer.Deserialize<List<StateChange>>(serializer.SerializeToArray(timeline));
        Assert.Equal(timeline, copy);
    }

    [Fact]
    public void Json_IsAtAndState()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var json = JsonSerializer.Serialize(Change, options);
        Assert.Equal("""{"at":"2026-12-02T06:15:30.0000007+00:00","state":"AfterContactWork"}""", json);
        Assert.Equal(Change, JsonSerializer.Deserialize<StateChange>(json, options));
    }
}
