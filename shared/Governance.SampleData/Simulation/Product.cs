namespace Governance.SampleData.Simulation;

/// <summary>A product of a creator's shop and its regular (reference) price.</summary>
internal sealed record Product(string Sku, string Name, double ListPrice);
