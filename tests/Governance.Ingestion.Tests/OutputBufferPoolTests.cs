using Governance.Ingestion.Pipeline;

namespace Governance.Ingestion.Tests;

public sealed class OutputBufferPoolTests
{
    [Fact]
    public void ARentedArrayHasExactlyTheLengthAskedFor()
    {
        var pool = new OutputBufferPool(capacity: 10);

        Assert.Equal(337, pool.Rent(337).Length);
    }

    [Fact]
    public void AReturnedArrayIsRentedAgainForItsLengthOnly()
    {
        var pool = new OutputBufferPool(capacity: 10);
        var array = pool.Rent(100);
        pool.Return([array]);

        Assert.NotSame(array, pool.Rent(101));
        Assert.Same(array, pool.Rent(100));
        Assert.NotSame(array, pool.Rent(100));
    }

    [Fact]
    public void ThePoolKeepsNoMoreThanItsCapacity()
    {
        var pool = new OutputBufferPool(capacity: 2);
        byte[][] arrays = [new byte[8], new byte[8], new byte[8]];
        pool.Return(arrays);

        var rented = new[] { pool.Rent(8), pool.Rent(8), pool.Rent(8) };

        Assert.Equal(2, rented.Count(r => arrays.Contains(r)));
    }
}
