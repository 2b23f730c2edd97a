// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

interface IEtherFiERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data) external returns (bytes4);
}

/// ether.fi WithdrawRequestNFT replica (mainnet 0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c). Requests are minted by
/// the LiquidityPool; finalisation freezes rate = amountPerShareCeil() and escrows ETH here; a claim pays
/// min(amountOfEEth, floor(shareOfEEth * rate / 1e18)) to the NFT owner. ERC-721 follows OpenZeppelin 4.8.
contract WithdrawRequestNFT is EtherFiPausable {
    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }

    uint256 public constant BASIS_POINT_SCALE = 1e4;
    uint256 public constant SHARE_UNIT = 1e18;

    IEtherFiPool public liquidityPool;
    IEtherFiBlacklister public blacklister;

    uint32 public nextRequestId;
    uint32 public lastFinalizedRequestId;
    uint128 public ethAmountLockedForWithdrawal;
    uint256 public finalizationRatesLength;

    mapping(uint256 => WithdrawRequest) private requests;
    mapping(uint256 => uint224) private frozenRate;
    mapping(uint256 => address) private owners;
    mapping(address => uint256) private balances;
    mapping(uint256 => address) private tokenApprovals;
    mapping(address => mapping(address => bool)) private operatorApprovals;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestInvalidated(uint32 indexed requestId);
    event WithdrawRequestValidated(uint32 indexed requestId);

    error CannotFinalizeFutureRequests();
    error CannotInvalidateFinalizedRequest();
    error CannotUndoFinalization();
    error EthTransferFailed();
    error InsufficientEscrow();
    error RequestNotFinalized();
    error RequestNotFound();
    error RequestNotValid();
    error RequestValid();

    /// Devnet-only initialiser (the real `initialize()` takes no arguments).
    function devnetInitialize(address owner_, address liquidityPool_, address blacklister_) external {
        _initOwner(owner_, 1 days);
        liquidityPool = IEtherFiPool(liquidityPool_);
        blacklister = IEtherFiBlacklister(blacklister_);
        nextRequestId = 1;
    }

    function name() public view returns (string memory) { return "Withdraw Request NFT"; }
    function symbol() public view returns (string memory) { return "WithdrawRequestNFT"; }

    function etherFiAdmin() external view returns (address) { return devnetOwner; }

    // ---------------------------------------------------------------- requests

    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external whenNotPaused returns (uint256) {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
        uint256 requestId = nextRequestId++;
        requests[requestId] = WithdrawRequest(amountOfEEth, shareOfEEth, true, 0);
        _mint(recipient, requestId);
        emit WithdrawRequestCreated(uint32(requestId), amountOfEEth, shareOfEEth, recipient);
        return requestId;
    }

    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory) {
        return requests[requestId];
    }

    function isFinalized(uint256 requestId) public view returns (bool) {
        return requestId <= lastFinalizedRequestId;
    }

    function isValid(uint256 requestId) public view returns (bool) {
        if (owners[requestId] == address(0)) revert RequestNotFound();
        return requests[requestId].isValid;
    }

    function frozenRateFor(uint256 tokenId) public view returns (uint224) {
        return frozenRate[tokenId];
    }

    function getClaimableAmount(uint256 tokenId) public view returns (uint256) {
        if (!isFinalized(tokenId)) revert RequestNotFinalized();
        WithdrawRequest memory r = requests[tokenId];
        uint256 rate = frozenRate[tokenId];
        if (rate == 0) rate = liquidityPool.amountPerShareCeil();
        uint256 byShares = uint256(r.shareOfEEth) * rate / SHARE_UNIT;
        return byShares < r.amountOfEEth ? byShares : r.amountOfEEth;
    }

    function claimWithdraw(uint256 tokenId) external nonReentrant {
        _claim(tokenId);
    }

    function batchClaimWithdraw(uint256[] calldata tokenIds) external nonReentrant {
        for (uint256 i = 0; i < tokenIds.length; i++) _claim(tokenIds[i]);
    }

    function _claim(uint256 tokenId) internal {
        address owner = ownerOf(tokenId);
        blacklister.nonBlacklisted(msg.sender);
        blacklister.nonBlacklisted(owner);
        WithdrawRequest memory r = requests[tokenId];
        if (!r.isValid) revert RequestNotValid();
        uint256 amount = getClaimableAmount(tokenId);
        if (ethAmountLockedForWithdrawal < amount) revert InsufficientEscrow();
        _burn(tokenId);
        delete requests[tokenId];
        ethAmountLockedForWithdrawal -= uint128(amount);
        liquidityPool.withdraw(amount, r.shareOfEEth);
        (bool ok, ) = owner.call{value: amount}("");
        if (!ok) revert EthTransferFailed();
        emit WithdrawRequestClaimed(uint32(tokenId), amount, r.shareOfEEth, owner);
    }

    // ---------------------------------------------------------------- admin (EtherFiAdmin / guardian)

    /// Finalises every request up to `requestId` at rate = amountPerShareCeil() and escrows their ETH here.
    function finalizeRequests(uint256 requestId) external onlyDevnetOwner {
        if (requestId < lastFinalizedRequestId) revert CannotUndoFinalization();
        if (requestId >= nextRequestId) revert CannotFinalizeFutureRequests();
        uint256 rate = liquidityPool.amountPerShareCeil();
        uint256 toLock = 0;
        for (uint256 id = uint256(lastFinalizedRequestId) + 1; id <= requestId; id++) {
            frozenRate[id] = uint224(rate);
            WithdrawRequest memory r = requests[id];
            if (!r.isValid || owners[id] == address(0)) continue;
            uint256 byShares = uint256(r.shareOfEEth) * rate / SHARE_UNIT;
            toLock += byShares < r.amountOfEEth ? byShares : r.amountOfEEth;
        }
        lastFinalizedRequestId = uint32(requestId);
        finalizationRatesLength++;
        ethAmountLockedForWithdrawal += uint128(toLock);
        if (toLock > 0) liquidityPool.addEthAmountLockedForWithdrawal(uint128(toLock));
    }

    function invalidateRequest(uint256 requestId) external onlyDevnetOwner {
        if (!isValid(requestId)) revert RequestNotValid();
        if (isFinalized(requestId)) revert CannotInvalidateFinalizedRequest();
        requests[requestId].isValid = false;
        emit WithdrawRequestInvalidated(uint32(requestId));
    }

    function validateRequest(uint256 requestId) external onlyDevnetOwner {
        if (isValid(requestId)) revert RequestValid();
        requests[requestId].isValid = true;
        emit WithdrawRequestValidated(uint32(requestId));
    }

    /// Receives finalisation escrow from the LiquidityPool only.
    receive() external payable {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
    }

    // ---------------------------------------------------------------- ERC-721 (OZ 4.8)

    function supportsInterface(bytes4 interfaceId) external view returns (bool) {
        return devnetInitialized && interfaceId == 0x80ac58cd || interfaceId == 0x5b5e139f || interfaceId == 0x01ffc9a7;
    }

    function balanceOf(address owner) external view returns (uint256) {
        require(owner != address(0), "ERC721: address zero is not a valid owner");
        return balances[owner];
    }

    function ownerOf(uint256 tokenId) public view returns (address) {
        address owner = owners[tokenId];
        require(owner != address(0), "ERC721: invalid token ID");
        return owner;
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return "";
    }

    function approve(address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        require(to != owner, "ERC721: approval to current owner");
        require(msg.sender == owner || operatorApprovals[owner][msg.sender], "ERC721: approve caller is not token owner or approved for all");
        tokenApprovals[tokenId] = to;
        emit Approval(owner, to, tokenId);
    }

    function getApproved(uint256 tokenId) public view returns (address) {
        ownerOf(tokenId);
        return tokenApprovals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        require(msg.sender != operator, "ERC721: approve to caller");
        operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address owner, address operator) public view returns (bool) {
        return operatorApprovals[owner][operator];
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        address owner = ownerOf(tokenId);
        require(msg.sender == owner || isApprovedForAll(owner, msg.sender) || getApproved(tokenId) == msg.sender,
            "ERC721: caller is not token owner or approved");
        require(owner == from, "ERC721: transfer from incorrect owner");
        require(to != address(0), "ERC721: transfer to the zero address");
        // Invalidated requests cannot be moved by their owner.
        if (!requests[tokenId].isValid) revert RequestNotValid();
        delete tokenApprovals[tokenId];
        balances[from] -= 1;
        balances[to] += 1;
        owners[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        if (to.code.length > 0) {
            try IEtherFiERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data) returns (bytes4 ret) {
                require(ret == IEtherFiERC721Receiver.onERC721Received.selector, "ERC721: transfer to non ERC721Receiver implementer");
            } catch {
                revert("ERC721: transfer to non ERC721Receiver implementer");
            }
        }
    }

    function _mint(address to, uint256 tokenId) internal {
        require(to != address(0), "ERC721: mint to the zero address");
        balances[to] += 1;
        owners[tokenId] = to;
        emit Transfer(address(0), to, tokenId);
    }

    function _burn(uint256 tokenId) internal {
        address owner = ownerOf(tokenId);
        delete tokenApprovals[tokenId];
        balances[owner] -= 1;
        delete owners[tokenId];
        emit Transfer(owner, address(0), tokenId);
    }
}
