namespace Governance.SampleData.Simulation;

/// <summary>An order a later refund, cancellation or chargeback can refer to.</summary>
internal sealed record PastOrder(string OrderId, long Buyer, double Amount);
