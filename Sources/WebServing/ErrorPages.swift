import Foundation
import Hummingbird
import WebText

/// Turns every error into a short page (or JSON under `jsonPrefix`) that says what went wrong
/// for the client: a 4xx keeps its own message, anything else is a plain 500 with no stack
/// trace, type name or path; the error itself goes to the log.
public struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let jsonPrefix: String

    public init(jsonPrefix: String = "/api/") {
        self.jsonPrefix = jsonPrefix
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let message = error.body ?? error.status.reasonPhrase
            var response = Self.page(status: error.status, message: message, json: request.uri.path.hasPrefix(jsonPrefix))
            for field in error.headers where field.name != .contentType && field.name != .contentLength {
                response.headers.append(field)
            }
            return response
        } catch let error as HTTPResponseError where error.status.code < 500 {
            return Self.page(status: error.status, message: error.status.reasonPhrase, json: request.uri.path.hasPrefix(jsonPrefix))
        } catch {
            // Mostly a client gone mid-request; nobody reads this answer then. Not an alarm.
            context.logger.notice("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Self.page(status: .internalServerError, message: "Something went wrong on the server; try again.",
                             json: request.uri.path.hasPrefix(jsonPrefix))
        }
    }

    /// A small page with `message` as text.
    public static func page(status: HTTPResponse.Status, message: String, json: Bool) -> Response {
        if json {
            let body = "{\"error\":\(JSONString.quoted(message))}\n"
            return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let text = HTMLText.escaped(message)
        let body = """
            <!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(status.code)</title></head><body><h1>\(status.code) \(HTMLText.escaped(status.reasonPhrase))</h1><p>\(text)</p></body></html>

            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

