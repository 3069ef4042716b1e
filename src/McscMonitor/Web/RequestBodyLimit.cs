using McscMonitor.Core.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Web;

/// <summary>
/// Every request body is bounded: a few kilobytes for forms and JSON writes, more only where
/// an endpoint declares it (imports). A body announced as too large is refused before it is
/// read; one that grows too large while streaming is cut off by the server.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultBytes = 64 * 1024;

    /// <summary>Lets an endpoint take a larger body than <see cref="DefaultBytes"/>.</summary>
    public static TBuilder AllowBody<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = Messages.Current["bodyTooLargeTitle"],
                    Detail = Messages.Format("bodyTooLarge", ("limit", limit / 1024)),
                },
            });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        // A body sent without its length (chunked) is counted as it is read, on every server.
        context.Request.Body = new CappedBody(context.Request.Body, limit);
        await next(context);
    });

    /// <summary>Reads through to the body and fails the request with 413 once more than the limit has come.</summary>
    private sealed class CappedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
                throw new BadHttpRequestException(Messages.Format("bodyTooLarge", ("limit", limit / 1024)), StatusCodes.Status413PayloadTooLarge);
            return read;
        }
    }
}
