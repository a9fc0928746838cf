using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class AttributeTests
{
    [Fact]
    public void CoreFieldsComeFromTheEventNotTheAttributes()
    {
        Assert.Equal("order.refunded", Expr.Text("event.type"));
        Assert.Equal("e-1", Expr.Text("event.eventId"));
        Assert.Equal("transaction", Expr.Text("event.source"));
        Assert.Equal("c-1", Expr.Text("event.creatorId"));
        Assert.Equal("es-MX", Expr.Text("event.locale"));
        Assert.Equal(ValueKind.Timestamp, Expr.Eval("event.occurredAt").Kind);
    }

    [Fact]
    public void JsonValuesMapToValueKinds()
    {
        Assert.Equal(ValueKind.Number, Expr.Eval("event.amount").Kind);
        Assert.Equal(ValueKind.String, Expr.Eval("event.currency").Kind);
        Assert.Equal(ValueKind.List, Expr.Eval("event.productIds").Kind);
        Assert.Equal(ValueKind.Object, Expr.Eval("event.campaign").Kind);
        Assert.Equal(ValueKind.Bool, Expr.Eval("event.flags[0]").Kind);
        Assert.Equal(ValueKind.Null, Expr.Eval("event.deviceId").Kind);
    }

    [Fact]
    public void NestedAttributesWalkJsonObjects()
    {
        Assert.Equal("cmp-7", Expr.Text("event.campaign.id"));
        Assert.Equal(20, Expr.Number("event.campaign.budget.daily"));
        Assert.Equal(20, Expr.Number("event['campaign']['budget'].daily"));
        Assert.Equal("cmp-7", Expr.Text("coalesce(event.missing, event.campaign).id"));
    }

    [Fact]
    public void ArraysSupportLenInAndIndexing()
    {
        Assert.Equal(3, Expr.Number("len(event.productIds)"));
        Assert.True(Expr.IsTrue("'p-1' in event.productIds"));
        Assert.False(Expr.IsTrue("'p-9' in event.productIds"));
        Assert.Equal("p-2", Expr.Text("event.productIds[1]"));
        Assert.True(Expr.Eval("event.productIds[1.5]").IsNull);
    }

    [Fact]
    public void AttributeNamesThatAreNotIdentifiersUseBrackets()
    {
        var e = Events.FromJson("""{ "order-id": "o-1" }""");
        Assert.Equal("o-1", Expr.Text("event['order-id']", e));
    }

    [Fact]
    public void AnAttributeNamedLikeACoreFieldCannotHideIt()
    {
        var e = Events.FromJson("""{ "type": "order.placed", "amount": 1 }""");
        Assert.Equal("order.placed", Expr.Text("event.type", e));
    }

    [Fact]
    public void StringsFromJsonWithEscapesCompareByTheirText()
    {
        var e = Events.FromJson("""{ "text": "caf\u00e9 \"x\"" }""");
        Assert.True(Expr.IsTrue("event.text == 'café \"x\"'", e));
        Assert.True(Expr.IsTrue("event.text in ['a', 'café \"x\"']", e));
    }

    [Fact]
    public void ANumberBeyondTheRangeOfADoubleIsInfiniteNotAnError()
    {
        var e = Events.FromJson("""{ "big": 1e400 }""");
        Assert.Equal(double.PositiveInfinity, Expr.Number("event.big", e));
        Assert.True(Expr.IsTrue("event.big > 1", e));
    }
}
