// Reading a multipart/form-data body (a file field `image`, a text field
// `caption`) with multer, within limits, so that a client cannot make the
// server hold more than one image's worth of memory.

import multer from "multer";

import { badRequest, tooLarge, validationFailed } from "./errors.js";
import { CAPTION_MAX, IMAGE_MAX_BYTES } from "./limits.js";

const readForm = multer({
  // In memory: the image is small, and its first bytes decide whether it is
  // stored at all (see images.js).
  storage: multer.memoryStorage(),
  limits: {
    fileSize: IMAGE_MAX_BYTES,
    files: 1,
    fields: 5,
    // A caption's characters take up to 4 bytes each in UTF-8.
    fieldSize: CAPTION_MAX * 4,
  },
}).single("image");

/** Middleware: req.file (the image, if one was sent) and req.body.caption. */
export function receiveImage(req, res, next) {
  readForm(req, res, (error) => next(error && apiError(error)));
}

function apiError(error) {
  if (error.code === "LIMIT_FILE_SIZE") {
    return tooLarge(`the image is larger than ${IMAGE_MAX_BYTES} bytes`);
  }
  if (error.code === "LIMIT_FIELD_VALUE") {
    return validationFailed({ caption: `must be a string of 0-${CAPTION_MAX} characters` });
  }
  // Any other problem is the form's: cut short, malformed, other fields.
  return badRequest("the form could not be read: send a file `image` and an optional `caption`");
}
