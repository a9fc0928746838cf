namespace Governance.SampleData.Simulation;

/// <summary>A period in which a creator's background activity is multiplied (ramping in and out over a quarter of it).</summary>
internal readonly record struct Boost(DateTimeOffset From, DateTimeOffset To, double Factor)
{
    public double At(DateTimeOffset at)
    {
        if (at < From || at >= To)
        {
            return 1;
        }

        // Sales build up and fade; a step would be a shape no real sale has.
        var length = (To - From).TotalSeconds;
        var edge = Math.Min((at - From).TotalSeconds, (To - at).TotalSeconds) / (length / 4);
        return 1 + ((Factor - 1) * Math.Min(1, edge));
    }
}
