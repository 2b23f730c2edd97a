using System.Buffers;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// The plain-text side of one HTTP/1.1 connection to the endpoint: a write that starts with a masked request line
/// (<c>POST / HTTP/1.1</c>, or the absolute form sent to an HTTP proxy) is sent with the real one instead. The connection flushes each request's headers from the
/// start of its write buffer, so a request line always opens a write; bodies are JSON and never start with "POST ".
/// </summary>
internal sealed class RequestLineRewritingStream(Stream inner, IReadOnlyList<(byte[] Masked, byte[] Real)> lines) : Stream
{
    private int Find(ReadOnlySpan<byte> buffer)
    {
        for (int i = 0; i < lines.Count; i++)
            if (buffer.StartsWith(lines[i].Masked)) return i;
        return -1;
    }

    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int line = Find(buffer);
        if (line < 0)
        {
            inner.Write(buffer);
            return;
        }
        var (masked, real) = lines[line];
        var rented = ArrayPool<byte>.Shared.Rent(real.Length + buffer.Length - masked.Length);
        try
        {
            int length = Rewrite(buffer, masked, real, rented);
            inner.Write(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int line = Find(buffer.Span);
        if (line < 0)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }
        var (masked, real) = lines[line];
        var rented = ArrayPool<byte>.Shared.Rent(real.Length + buffer.Length - masked.Length);
        try
        {
            int length = Rewrite(buffer.Span, masked, real, rented);
            await inner.WriteAsync(rented.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Rewrite(ReadOnlySpan<byte> buffer, byte[] masked, byte[] real, byte[] target)
    {
        real.CopyTo(target, 0);
        buffer[masked.Length..].CopyTo(target.AsSpan(real.Length));
        return real.Length + buffer.Length - masked.Length;
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
