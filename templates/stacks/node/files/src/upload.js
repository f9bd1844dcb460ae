// Reading a multipart/form-data body (a file field `image`, a text field
// `caption`) with multer, within limits, so that a client cannot make the
// server hold more than one image's worth of memory.
//
// multer reads any well-formed form; which parts the post needs is judged
// afterwards (see formProblems), so that a form with the wrong parts is 422,
// while only a body that is not readable multipart/form-data is 400.

import multer from "multer";

import { badRequest, tooLarge, validationFailed } from "./errors.js";
import { CAPTION_MAX, IMAGE_MAX_BYTES } from "./limits.js";

// In memory, the `image` files only: the image is small, and its first bytes
// decide whether it is stored at all (see images.js). Files of other names are
// read through and dropped, whatever their number, holding no memory.
const storage = {
  _handleFile(req, file, done) {
    if (file.fieldname !== "image") {
      file.stream.resume().on("end", () => done(null, { size: 0 }));
      return;
    }
    const chunks = [];
    file.stream
      .on("data", (chunk) => chunks.push(chunk))
      .on("error", done)
      .on("end", () => {
        const buffer = Buffer.concat(chunks);
        done(null, { buffer, size: buffer.length });
      });
  },
  _removeFile(req, file, done) {
    done(null);
  },
};

const readForm = multer({
  storage,
  limits: {
    // Any file over it, the image or another one, is 413.
    fileSize: IMAGE_MAX_BYTES,
    // A caption's characters take up to 4 bytes each in UTF-8.
    fieldSize: CAPTION_MAX * 4,
  },
}).any();

/**
 * Middleware: req.file (the one image) and req.body.caption (a string), or
 * the API's error: 400 for a body that is not readable multipart/form-data,
 * 413 for a part too large, 422 for the wrong parts.
 */
export function receiveImage(req, res, next) {
  // multer passes over any other Content-Type silently.
  if (!req.is("multipart/form-data")) {
    return next(badRequest("send the post as multipart/form-data"));
  }
  readForm(req, res, (error) => {
    if (error) {
      return next(apiError(error));
    }
    const problems = formProblems(req.body, req.files);
    if (Object.keys(problems).length > 0) {
      return next(validationFailed(problems));
    }
    req.file = req.files.find((file) => file.fieldname === "image");
    next();
  });
}

/** What is wrong with the parts of a form that was read, by field. */
function formProblems(fields, files) {
  const problems = {};
  const images = files.filter((file) => file.fieldname === "image");
  if (fields.image !== undefined || images.length !== 1 || images[0].size === 0) {
    // A form sent with no file chosen still has the part, empty.
    problems.image = "must be one JPEG, PNG, GIF or WebP file";
  }
  const caption = fields.caption ?? "";
  const captionProblem = `must be one text field of 0-${CAPTION_MAX} characters`;
  // Two captions arrive as an array. busboy decodes text as UTF-8 and turns
  // bytes that are not UTF-8 into U+FFFD, so U+FFFD stands for them.
  if (files.some((file) => file.fieldname === "caption") || typeof caption !== "string") {
    problems.caption = captionProblem;
  } else if (caption.includes("\uFFFD") || [...caption].length > CAPTION_MAX) {
    problems.caption = captionProblem;
  }
  return problems;
}

function apiError(error) {
  if (error.code === "LIMIT_FILE_SIZE") {
    return tooLarge(`a file is larger than ${IMAGE_MAX_BYTES} bytes`);
  }
  if (error.code === "LIMIT_FIELD_VALUE") {
    return error.field === "caption"
      ? validationFailed({ caption: `must be a string of 0-${CAPTION_MAX} characters` })
      : tooLarge("a field of the form is too large");
  }
  // Any other problem is the form's: cut short, no boundary or the wrong one.
  return badRequest("the form could not be read: send multipart/form-data with a file `image`");
}
