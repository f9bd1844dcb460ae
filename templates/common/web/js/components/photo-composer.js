// Sharing a photo (ideas with `features.images`): a file picker with a preview
// of the chosen picture, a caption, and a multipart upload.
import { api, ApiError } from "../api.js";
import { limits, nouns } from "../config.js";
import { h } from "../dom.js";
import { characterCounter, field, onSubmit } from "../forms.js";

const megabytes = limits.imageMaxBytes / (1024 * 1024);

export function photoComposer({ onSent }) {
  const imageField = field({
    label: "Photo",
    name: "image",
    type: "file",
    accept: "image/jpeg,image/png,image/gif,image/webp",
    required: true,
    hint: `JPEG, PNG, GIF or WebP, up to ${megabytes} MB.`,
  });
  const picker = imageField.querySelector("input");
  const preview = h("img", { class: "preview", alt: "Preview of the chosen photo", hidden: true });

  // The preview shows the file from the disk through a blob: URL (the CSP
  // allows blob: images); revoking the old URL frees the old file's memory.
  const showPreview = () => {
    if (preview.src) URL.revokeObjectURL(preview.src);
    const file = picker.files[0];
    preview.hidden = !file;
    if (file) preview.src = URL.createObjectURL(file);
    else preview.removeAttribute("src");
  };
  picker.addEventListener("change", showPreview);

  const captionField = field({ label: "Caption", name: "caption", multiline: true, rows: 2 });
  const { counter, update } = characterCounter(
    captionField.querySelector("textarea"),
    limits.captionMax,
  );

  const form = h(
    "form",
    { class: "composer" },
    imageField,
    preview,
    captionField,
    h("div", { class: "actions" }, counter, h("button", { type: "submit" }, `Share ${nouns.post}`)),
  );
  return onSubmit(form, async (data) => {
    // Checked here too, so nobody waits for a big upload only to hear it is too big.
    if (picker.files[0]?.size > limits.imageMaxBytes) {
      const tooBig = `must be at most ${megabytes} MB`;
      throw new ApiError(413, "payload_too_large", `The image ${tooBig}.`, { image: tooBig });
    }
    // FormData(form) holds the file and the caption: sent as multipart/form-data.
    const { post } = await api.post("/api/posts", { form: data });
    form.reset();
    update();
    showPreview();
    onSent(post);
  });
}
